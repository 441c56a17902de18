using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Api.Tracing;
using InteractionLab.Domain.Tracing;
using InteractionLab.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using System.Text.Json;

namespace InteractionLab.Api.Tests;

public sealed class TraceIngestTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private async Task<(ConsentedParticipant Participant, HubConnection Hub)> ConnectAsync()
    {
        var (slug, _) = await platform.CreateAsync();
        var participant = await platform.Factory.ConsentAsync(slug);
        var hub = platform.Factory.CreateHubConnection(participant.Cookie);
        await hub.StartAsync();
        return (participant, hub);
    }

    private async Task<long[]> StoredClientSequencesAsync(ConsentedParticipant p)
    {
        await using var scope = platform.Scope(out var db);
        return await db.TraceEvents.Where(e => e.SessionId == p.SessionId && e.Origin == TraceOrigin.Client)
            .OrderBy(e => e.Sequence).Select(e => e.Sequence).ToArrayAsync();
    }

    [Fact]
    public async Task ReplayedBatchInsertsNothingNewAndIsAckedAgain()
    {
        var (participant, hub) = await ConnectAsync();
        await using var _ = hub;
        var batch = Events.Batch(1, 50);

        var first = await hub.InvokeAsync<TraceAck>("AppendEvents", batch);
        var replay = await hub.InvokeAsync<TraceAck>("AppendEvents", batch);

        Assert.Equal(50, first.Inserted);
        Assert.Equal(0, replay.Inserted);
        Assert.Equal(batch.Events.Select(e => e.Sequence), replay.Sequences);
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), await StoredClientSequencesAsync(participant));
    }

    [Fact]
    public async Task TheServerNumbersEventsInTheOrderTheyArriveAndTheSessionCountsThem()
    {
        var (participant, hub) = await ConnectAsync();
        await using var _ = hub;

        // A page that sends a later batch first (its numbers have a gap) still gets the session's next numbers.
        await hub.InvokeAsync<TraceAck>("AppendEvents", Events.Batch(11, 20));
        await hub.InvokeAsync<TraceAck>("AppendEvents", Events.Batch(1, 5));

        await using var scope = platform.Scope(out var db);
        var stored = await db.TraceEvents.Where(e => e.SessionId == participant.SessionId && e.Origin == TraceOrigin.Client)
            .OrderBy(e => e.Sequence).Select(e => new { e.Sequence, e.ClientSequence }).ToListAsync();
        Assert.Equal(Enumerable.Range(1, 15).Select(i => (long)i), stored.Select(e => e.Sequence));
        Assert.Equal(Enumerable.Range(11, 10).Concat(Enumerable.Range(1, 5)).Select(i => (long?)i), stored.Select(e => e.ClientSequence));
        Assert.Equal(15, (await db.Sessions.SingleAsync(s => s.Id == participant.SessionId)).ClientSequenceWatermark);
    }

    [Fact]
    public async Task ResumeAfterADroppedConnectionLosesAndDuplicatesNothing()
    {
        var (participant, hub) = await ConnectAsync();
        // The browser keeps every batch until it is acked; some acks are lost when the connection drops.
        var outbox = new List<TraceBatch> { Events.Batch(1, 100), Events.Batch(101, 200), Events.Batch(201, 300) };
        var acked = await hub.InvokeAsync<TraceAck>("AppendEvents", outbox[0]);
        outbox.RemoveAll(b => b.Events.All(e => acked.Sequences.Contains(e.Sequence)));
        // Batch 101-200 reaches the server but the connection dies before the browser reads the ack.
        await hub.InvokeAsync<TraceAck>("AppendEvents", outbox[0]);
        await hub.DisposeAsync();

        await using var reconnected = platform.Factory.CreateHubConnection(participant.Cookie);
        await reconnected.StartAsync();
        TraceAck last = acked;
        foreach (var batch in outbox) last = await reconnected.InvokeAsync<TraceAck>("AppendEvents", batch);

        Assert.Equal(Enumerable.Range(201, 100).Select(i => (long)i), last.Sequences);
        Assert.Equal(Enumerable.Range(1, 300).Select(i => (long)i), await StoredClientSequencesAsync(participant));
    }

    [Fact]
    public async Task BatchOverFiveHundredEventsIsRefusedAndNothingOfItIsStored()
    {
        var (participant, hub) = await ConnectAsync();
        await using var _ = hub;
        var error = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<TraceAck>("AppendEvents", Events.Batch(1, 501)));
        Assert.Contains("at most 500", error.Message);
        Assert.Empty(await StoredClientSequencesAsync(participant));
    }

    [Theory]
    [InlineData(0, "text.insert", "sequences start at 1")]
    [InlineData(6, "Text Insert", "has type")]
    [InlineData(3, "text.insert", "repeats sequence 3")]
    public async Task AnEventOnlyABrokenLoggerSendsRefusesTheWholeBatchWithAClearMessage(long badSequence, string badType, string expected)
    {
        var (participant, hub) = await ConnectAsync();
        await using var _ = hub;
        var events = Events.Batch(1, 10).Events.ToList();
        events[5] = new TraceEventInput(badSequence, badType, 1, JsonSerializer.SerializeToElement(new { text = "x" }));

        var error = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<TraceAck>("AppendEvents", new TraceBatch(events, Events.Page)));

        Assert.Contains(expected, error.Message);
        Assert.Empty(await StoredClientSequencesAsync(participant));
    }

    [Fact]
    public async Task EventsOfTwoSessionsNeverMix()
    {
        var (alice, aliceHub) = await ConnectAsync();
        var (bob, bobHub) = await ConnectAsync();
        await using var a = aliceHub;
        await using var b = bobHub;
        await Task.WhenAll(aliceHub.InvokeAsync<TraceAck>("AppendEvents", Events.Batch(1, 30, "alice.event")),
            bobHub.InvokeAsync<TraceAck>("AppendEvents", Events.Batch(1, 30, "bob.event")));

        await using var scope = platform.Scope(out var db);
        Assert.All(await db.TraceEvents.Where(e => e.SessionId == alice.SessionId).ToListAsync(), e => Assert.Equal("alice.event", e.Type));
        Assert.All(await db.TraceEvents.Where(e => e.SessionId == bob.SessionId).ToListAsync(), e => Assert.Equal("bob.event", e.Type));
    }

    [Fact]
    public async Task HubRefusesAConnectionWithoutAParticipantCookie()
    {
        await using var hub = platform.Factory.CreateHubConnection("il_session=forged");
        await Assert.ThrowsAnyAsync<Exception>(() => hub.StartAsync());
        Assert.Equal(HubConnectionState.Disconnected, hub.State);
    }
}
