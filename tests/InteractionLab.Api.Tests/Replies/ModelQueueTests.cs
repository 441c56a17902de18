using System.Text.Json;
using InteractionLab.Api.Data;
using InteractionLab.Api.Tasks.SocialDialogue;
using InteractionLab.Domain;
using InteractionLab.Domain.Dialogue;
using InteractionLab.Inference;
using InteractionLab.Inference.Demo;
using InteractionLab.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.Replies;

/// <summary>
/// The in-process engine at capacity: here it runs one request per model and queues none (a small stand-in for its
/// 32 running and 64 waiting), so the second participant at once is already beyond what it accepts.
/// </summary>
public sealed class ModelQueueTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private readonly StreamHold _hold = new();
    private PlatformFactory _platform = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _platform = new PlatformFactory(_database.ConnectionString, new Dictionary<string, string?>
        {
            ["Inference:MaxConcurrentRequestsPerModel"] = "1",
            ["Inference:MaxQueuedRequestsPerModel"] = "0",
        }, _hold);
        _ = _platform.Server;
    }

    public async Task DisposeAsync()
    {
        await _platform.DisposeAsync();
        await _database.DisposeAsync();
    }

    private DialogueService Dialogue => _platform.Services.GetRequiredService<DialogueService>();

    private async Task<List<SessionId>> ParticipantsAtChatAsync(int count)
    {
        var slug = await _platform.CreateOpenStudyAsync();
        var sessions = new List<SessionId>();
        for (var i = 0; i < count; i++) sessions.Add((await _platform.ParticipantAtChatAsync(slug)).SessionId);
        return sessions;
    }

    private async Task<(Turn Turn, bool Queued)> ReplyOfAsync(SessionId session)
    {
        await using var scope = _platform.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var turn = await db.Turns.AsNoTracking().SingleAsync(t => t.SessionId == session && t.Role == TurnRole.Model);
        var finish = await db.TraceEvents.AsNoTracking().SingleAsync(e => e.SessionId == session && e.Type == "model.finish");
        return (turn, JsonDocument.Parse(finish.Payload).RootElement.GetProperty("queued").GetBoolean());
    }

    [Fact]
    public async Task ABurstBeyondTheModelsCapacityWaitsInLineIsToldItIsQueuedAndIsAnswered()
    {
        var sessions = await ParticipantsAtChatAsync(6);
        var held = _hold.HoldNextReplyAfter(1);
        var first = Dialogue.StreamReplyAsync(sessions[0], "Hello!").ToListAsync().AsTask();
        await held;

        var told = sessions.Skip(1).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToList();
        var rest = sessions.Skip(1).Select((s, i) => Dialogue.StreamReplyAsync(s, "Hello too!", queued: () => told[i].TrySetResult()).ToListAsync().AsTask()).ToList();
        await Task.WhenAll(told.Select(t => t.Task)); // each of the five was told that its message waits
        _hold.Release();
        var replies = await Task.WhenAll(rest.Prepend(first));

        Assert.All(replies, r => Assert.NotEmpty(r));
        for (var i = 0; i < sessions.Count; i++)
        {
            var (turn, queued) = await ReplyOfAsync(sessions[i]);
            Assert.NotEqual("error", turn.FinishReason);
            Assert.Equal(i > 0, queued);
        }
    }

    [Fact]
    public async Task AnEngineThatAnswersBusyIsAskedAgainAfterABackOffInsteadOfFailingTheReply()
    {
        var session = (await ParticipantsAtChatAsync(1))[0];
        // Another caller of the engine (here: directly, as the standalone service's HTTP API would) takes its only slot.
        var engine = _platform.Services.GetRequiredService<LocalModelHost>().GetChatClient(DemoModels.ChatModelId);
        var other = engine.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Take your time")], new ChatOptions { MaxOutputTokens = 100 }).GetAsyncEnumerator();
        Assert.True(await other.MoveNextAsync());

        var told = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reply = Dialogue.StreamReplyAsync(session, "Are you free?", queued: () => told.TrySetResult()).ToListAsync().AsTask();
        await told.Task; // the engine said busy; the reply waits for a back-off instead of failing
        await other.DisposeAsync();

        Assert.NotEmpty(await reply);
        var (turn, queued) = await ReplyOfAsync(session);
        Assert.NotEqual("error", turn.FinishReason);
        Assert.True(queued);
    }
}
