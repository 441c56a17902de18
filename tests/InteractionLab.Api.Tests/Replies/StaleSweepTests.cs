using InteractionLab.Api.Data;
using InteractionLab.Api.Replies;
using InteractionLab.Api.Seeding;
using InteractionLab.Api.Tasks.SocialDialogue;
using InteractionLab.Domain.Dialogue;
using InteractionLab.Domain.Tracing;
using InteractionLab.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.Replies;

/// <summary>
/// The sweep that marks turns a crash left generating reads them, then writes each. A reply whose flushes failed during a
/// database outage looks stale to that read, yet it may end and be saved before the sweep's write (the fault suite's
/// PostgreSQL crash found 4 of 126 replies stored with the sweep's empty copy instead of the text the participant saw).
/// The real platform on real Kestrel and PostgreSQL with the demo model, the reply held mid-stream between the two.
/// </summary>
public sealed class StaleSweepTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task AReplySavedAfterTheSweepReadItAsStaleKeepsItsWholeTextAndEnd()
    {
        var hold = new StreamHold();
        await using var platform = new PlatformFactory(_database.ConnectionString, hold: hold);
        var (participant, store, listening, stale) = await HeldReplyReadByTheSweepAsync(platform, hold, "What did you cook last night?");

        hold.Release();
        var seen = string.Concat(await listening); // the reply ends and is saved with its whole text
        var marked = await store.MarkInterruptedAsync(stale, CancellationToken.None); // the sweep's write comes after

        await using var db = await platform.Services.GetRequiredService<IDbContextFactory<PlatformDbContext>>().CreateDbContextAsync();
        var reply = await db.Turns.AsNoTracking().SingleAsync(t => t.SessionId == participant.SessionId && t.Role == TurnRole.Model);
        Assert.Contains(reply.FinishReason, new[] { "stop", "length" }); // complete
        Assert.NotEqual("", reply.Text);
        Assert.Equal(CompletionPrompt.CleanReply(seen, DemoStudy.Config().Conditions[0].Decoding.Stop.Append("\nUser:")), reply.Text);
        var finishes = await db.TraceEvents.Where(e => e.SessionId == participant.SessionId && e.Origin == TraceOrigin.Server && e.Type == "model.finish")
            .Select(e => e.Payload).ToListAsync();
        Assert.DoesNotContain(ReplyStore.Interrupted, Assert.Single(finishes));
        Assert.False(marked);
    }

    [Fact]
    public async Task ATurnStillGeneratingWhenTheSweepWritesIsMarkedInterruptedWithTheTextItHad()
    {
        var hold = new StreamHold();
        await using var platform = new PlatformFactory(_database.ConnectionString, hold: hold);
        var (participant, store, listening, stale) = await HeldReplyReadByTheSweepAsync(platform, hold, "Where did you grow up?");

        Assert.True(await store.MarkInterruptedAsync(stale, CancellationToken.None));
        Assert.False(await store.MarkInterruptedAsync(stale, CancellationToken.None)); // a second sweep finds it ended

        await using var db = await platform.Services.GetRequiredService<IDbContextFactory<PlatformDbContext>>().CreateDbContextAsync();
        var reply = await db.Turns.AsNoTracking().SingleAsync(t => t.SessionId == participant.SessionId && t.Role == TurnRole.Model);
        Assert.Equal(ReplyStore.Interrupted, reply.FinishReason);
        Assert.Equal(stale.Text, reply.Text);
        var finish = await db.TraceEvents.SingleAsync(e => e.SessionId == participant.SessionId && e.Origin == TraceOrigin.Server && e.Type == "model.finish");
        Assert.Contains("\"reason\":\"interrupted\"", finish.Payload.Replace(" ", ""));
        hold.Release();
        await listening; // the held reply still ends and is saved over the mark: its whole text wins
        await using var after = await platform.Services.GetRequiredService<IDbContextFactory<PlatformDbContext>>().CreateDbContextAsync();
        Assert.Contains((await after.Turns.AsNoTracking().SingleAsync(t => t.SessionId == participant.SessionId && t.Role == TurnRole.Model)).FinishReason,
            new[] { "stop", "length" });
    }

    // A participant's reply held mid-stream after two pieces, and the sweep's read of it: with no patience at all, the
    // generating turn counts as left behind by a crash.
    private static async Task<(ConsentedParticipant Participant, ReplyStore Store, Task<List<string>> Listening, FinishedTurn Stale)>
        HeldReplyReadByTheSweepAsync(PlatformFactory platform, StreamHold hold, string message)
    {
        platform.StartKestrel();
        var participant = await platform.ParticipantAtChatAsync(await platform.CreateOpenStudyAsync());
        var store = platform.Services.GetRequiredService<ReplyStore>();
        var held = hold.HoldNextReplyAfter(2);
        var listening = platform.Services.GetRequiredService<DialogueService>().StreamReplyAsync(participant.SessionId, message).ToListAsync().AsTask();
        await held;
        var stale = Assert.Single(await store.StaleAsync(TimeSpan.FromSeconds(-1), CancellationToken.None), t => t.Session == participant.SessionId.Value);
        return (participant, store, listening, stale);
    }
}
