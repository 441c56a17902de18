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
        Assert.Equal(50, replay.HighestContiguousSequence);
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), await StoredClientSequencesAsync(participant));
    }

    [Fact]
    public async Task AckReportsTheHighestContiguousSequenceSoTheBrowserSeesGaps()
    {
        var (_, hub) = await ConnectAsync();
        await using var _ = hub;

        var ahead = await hub.InvokeAsync<TraceAck>("AppendEvents", Events.Batch(11, 20));
        var start = await hub.InvokeAsync<TraceAck>("AppendEvents", Events.Batch(1, 5));
        var filled = await hub.InvokeAsync<TraceAck>("AppendEvents", Events.Batch(6, 10));

        Assert.Equal(0, ahead.HighestContiguousSequence);
        Assert.Equal(5, start.HighestContiguousSequence);
        Assert.Equal(20, filled.HighestContiguousSequence);
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

        Assert.Equal(300, last.HighestContiguousSequence);
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
    [InlineData(0, "text.insert", 10, "sequences start at 1")]
    [InlineData(1, "Text Insert", 10, "has type")]
    [InlineData(1, "text.insert", 17 * 1024, "payload over 16 KB")]
    public async Task MalformedEventRefusesTheWholeBatchWithAClearMessage(long badSequence, string badType, int payloadChars, string expected)
    {
        var (participant, hub) = await ConnectAsync();
        await using var _ = hub;
        var events = Events.Batch(1, 10).Events.ToList();
        events[5] = new TraceEventInput(badSequence, badType, 1, JsonSerializer.SerializeToElement(new { text = new string('x', payloadChars) }));

        var error = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<TraceAck>("AppendEvents", new TraceBatch(events)));

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
