using System.Threading.Channels;
using InteractionLab.Api.Data;
using InteractionLab.Api.Sessions;
using InteractionLab.Api.Tasks.SocialDialogue;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Domain;
using InteractionLab.Domain.Dialogue;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Tracing;
using InteractionLab.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests;

/// <summary>Social dialogue on the real in-process demo model, through the hub and through the service directly.</summary>
public sealed class DialogueTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private async Task<(ConsentedParticipant Participant, HubConnection Hub)> AtChatAsync(Func<StudyConfig, StudyConfig>? change = null)
    {
        var (slug, _) = await platform.CreateAsync(change);
        var participant = await platform.Factory.ConsentAsync(slug, prolificPid: "w" + Guid.NewGuid().ToString("N")[..10]);
        var hub = platform.Factory.CreateHubConnection(participant.Cookie);
        await hub.StartAsync();
        await hub.InvokeAsync<SessionView>("CompleteStage", "instructions");
        return (participant, hub);
    }

    private async Task<List<Turn>> TurnsAsync(SessionId session)
    {
        await using var scope = platform.Scope(out var db);
        return await db.Turns.Where(t => t.SessionId == session).OrderBy(t => t.Index).ToListAsync();
    }

    private async Task<List<TraceEvent>> ServerEventsAsync(SessionId session)
    {
        await using var scope = platform.Scope(out var db);
        return await db.TraceEvents.Where(e => e.SessionId == session && e.Origin == TraceOrigin.Server).OrderBy(e => e.Sequence).ToListAsync();
    }

    // A long generation (no stop sequences of our own, many tokens) so a stop or a drop lands mid-stream.
    private static StudyConfig LongReplies(StudyConfig c) => c with
    {
        Conditions = c.Conditions.Select(k => k with { Decoding = k.Decoding with { MaxTokens = 2000, Stop = [] } }).ToList(),
    };

    [Fact]
    public async Task WholeJourneyThroughTheHubSavesTurnsTimingsAndCompletes()
    {
        var (participant, hub) = await AtChatAsync();
        await using var _ = hub;
        var streamed = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var pieces = new List<string>();
            await foreach (var piece in hub.StreamAsync<string>("StreamReply", $"Hello number {i}!").WithCancellation(new CancellationTokenSource(Patience).Token))
                pieces.Add(piece);
            streamed.Add(string.Concat(pieces));
        }

        var turns = await TurnsAsync(participant.SessionId);
        Assert.Equal([TurnRole.Participant, TurnRole.Model, TurnRole.Participant, TurnRole.Model, TurnRole.Participant, TurnRole.Model], turns.Select(t => t.Role));
        Assert.Equal("Hello number 0!", turns[0].Text);
        for (var i = 0; i < 3; i++)
        {
            var reply = turns[2 * i + 1];
            Assert.Equal(streamed[i].Trim(), reply.Text);
            Assert.Contains(reply.FinishReason, new[] { "stop", "length" });
            Assert.False(reply.StoppedByParticipant);
            Assert.NotNull(reply.Seed);
            Assert.Equal("local/demo-chat", reply.Model);
            Assert.Equal(System.Text.Json.JsonValueKind.Number, System.Text.Json.JsonDocument.Parse(reply.DecodingJson!).RootElement.GetProperty("temperature").ValueKind);
        }
        var events = await ServerEventsAsync(participant.SessionId);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Equal(3, events.Count(e => e.Type == "model.request-sent"));
        Assert.Equal(3, events.Count(e => e.Type == "model.finish"));
        Assert.Contains("Scenario:", events.First(e => e.Type == "model.request-sent").Payload);
        var tokenEvents = events.Where(e => e.Type == "model.token").ToList();
        Assert.Equal(streamed.Sum(s => s.Length), tokenEvents.Sum(e => System.Text.Json.JsonDocument.Parse(e.Payload).RootElement.GetProperty("text").GetString()!.Length));

        var afterChat = await hub.InvokeAsync<SessionView>("CompleteStage", "chat");
        Assert.Equal("marks", afterChat.Stage.Key);
        await hub.InvokeAsync<SessionView>("SubmitSurvey", "marks", new[] { new Domain.Surveys.SurveyAnswer("interesting", "true", 1) });
        var done = await hub.InvokeAsync<SessionView>("SubmitSurvey", "rating", new[]
        {
            new Domain.Surveys.SurveyAnswer("talk-again", "3"), new("fluency", "2"), new("sensible", "1"), new("specific", "2"), new("enjoyment", "3"),
        });
        Assert.Equal(SessionStatus.Completed, done.Status);
        Assert.Equal("https://app.prolific.com/submissions/complete?cc=DEMO-C0MPL3TE", done.Completion?.RedirectUrl);
    }

    [Fact]
    public async Task FinishingTheChatBeforeTheMinimumTurnsIsRefused()
    {
        var (_, hub) = await AtChatAsync();
        await using var _ = hub;
        var error = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<SessionView>("CompleteStage", "chat"));
        Assert.Contains("at least 3 message", error.Message);
    }

    [Fact]
    public async Task StopReplyKeepsThePartialTextAsStoppedByTheParticipant()
    {
        var (participant, hub) = await AtChatAsync(LongReplies);
        await using var _ = hub;
        var pieces = new List<string>();
        await foreach (var piece in hub.StreamAsync<string>("StreamReply", "Tell me a long story").WithCancellation(new CancellationTokenSource(Patience).Token))
        {
            pieces.Add(piece);
            if (pieces.Count == 3) Assert.True(await hub.InvokeAsync<bool>("StopReply"));
        }

        var reply = (await TurnsAsync(participant.SessionId)).Single(t => t.Role == TurnRole.Model);
        Assert.Equal("stopped", reply.FinishReason);
        Assert.True(reply.StoppedByParticipant);
        Assert.Equal(string.Concat(pieces).Trim(), reply.Text);
        var events = await ServerEventsAsync(participant.SessionId);
        Assert.Single(events, e => e.Type == "model.stopped-by-participant");
        var finish = System.Text.Json.JsonDocument.Parse(events.Single(e => e.Type == "model.finish").Payload).RootElement;
        Assert.Equal("stopped", finish.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task ReplyIsStillSavedWhenTheConnectionDropsMidStreamAndAReloadShowsIt()
    {
        var (participant, hub) = await AtChatAsync(LongReplies);
        // A second tab of the same participant hears when the reply is saved.
        await using var otherTab = platform.Factory.CreateHubConnection(participant.Cookie);
        var saved = new TaskCompletionSource<TurnView>(TaskCreationOptions.RunContinuationsAsynchronously);
        otherTab.On<TurnView>("ReplySaved", t => saved.TrySetResult(t));
        await otherTab.StartAsync();

        await using (var stream = hub.StreamAsync<string>("StreamReply", "Are you there?").GetAsyncEnumerator())
            Assert.True(await stream.MoveNextAsync()); // the first piece arrived: generation is under way
        await hub.DisposeAsync(); // tab closed mid-stream

        var turn = await saved.Task.WaitAsync(Patience);
        Assert.Equal(1, turn.Index);
        Assert.NotEqual("stopped", turn.FinishReason);
        var view = await otherTab.InvokeAsync<SessionView>("GetSession");
        Assert.Equal(turn.Text, view.Turns.Single(t => t.Role == TurnRole.Model).Text);
        Assert.False(view.ReplyInProgress);
    }

    [Fact]
    public async Task BlazorDoorCallsTheSameServiceAndASecondMessageMustWaitForTheReply()
    {
        var (participant, hub) = await AtChatAsync(LongReplies);
        await using var _ = hub;
        var dialogue = platform.Factory.Services.GetRequiredService<DialogueService>();
        var pieces = Channel.CreateUnbounded<string>();
        var first = Task.Run(async () =>
        {
            await foreach (var piece in dialogue.StreamReplyAsync(participant.SessionId, "First message")) pieces.Writer.TryWrite(piece);
        });
        await pieces.Reader.ReadAsync().AsTask().WaitAsync(Patience);

        var refused = await Assert.ThrowsAsync<PlatformProblemException>(async () =>
        {
            await foreach (var piece in dialogue.StreamReplyAsync(participant.SessionId, "Second message")) { }
        });
        Assert.Contains("Wait for the current reply", refused.Detail);
        Assert.True(dialogue.StopReply(participant.SessionId));
        await first.WaitAsync(Patience);

        var turns = await TurnsAsync(participant.SessionId);
        Assert.Equal(["First message"], turns.Where(t => t.Role == TurnRole.Participant).Select(t => t.Text));
        Assert.Single(turns, t => t.Role == TurnRole.Model);
    }
}
