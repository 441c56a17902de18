using System.Text.Json;
using System.Text.RegularExpressions;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Api.Tracing;
using InteractionLab.Domain.Storage;
using InteractionLab.Domain.Tracing;
using InteractionLab.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Tests.Tracing;

/// <summary>
/// The browser logger's protocol against the real hub, on PostgreSQL and on SQLite alike: pages of one session (tabs,
/// reloads, a second device) each number their own events, every acknowledged event is stored exactly once, and an
/// event no database could store as it came is kept in a safe form instead of holding up the ones behind it.
/// </summary>
public abstract partial class TraceProtocolTests(ITestPlatform platform)
{
    private sealed record Stored(Guid? Instance, long? ClientSequence, long Sequence, string Payload, string? Issue, string? Original)
    {
        public string Nonce => NonceIn().Match(Original ?? Payload).Groups[1].Value;
        public JsonElement Json => JsonDocument.Parse(Payload).RootElement;
    }

    [GeneratedRegex("\"nonce\":\\s*\"([0-9a-f]{32})\"")]
    private static partial Regex NonceIn();

    private async Task<(ConsentedParticipant Participant, HubConnection Hub)> ConnectAsync()
    {
        var (slug, _) = await platform.CreateAsync();
        var participant = await platform.Factory.ConsentAsync(slug);
        return (participant, await OpenAsync(participant));
    }

    private async Task<HubConnection> OpenAsync(ConsentedParticipant participant)
    {
        var hub = platform.Factory.CreateHubConnection(participant.Cookie);
        await hub.StartAsync();
        return hub;
    }

    private async Task<List<Stored>> StoredAsync(ConsentedParticipant p)
    {
        await using var scope = platform.Scope(out var db);
        return (await db.TraceEvents.AsNoTracking().Where(e => e.SessionId == p.SessionId && e.Origin == TraceOrigin.Client)
                .Select(e => new { e.ClientInstance, e.ClientSequence, e.Sequence, e.Payload, e.PayloadIssue, e.OriginalPayload })
                .ToListAsync())
            .Select(e => new Stored(e.ClientInstance, e.ClientSequence, e.Sequence, e.Payload, e.PayloadIssue, e.OriginalPayload))
            .OrderBy(e => e.Sequence).ToList();
    }

    // Every event the server acknowledged is stored once, nothing else is stored, and the session's numbers run 1..n.
    private static void AssertEachAcknowledgedEventStoredOnce(IReadOnlyList<Stored> stored, params BrowserLogger[] pages)
    {
        var acknowledged = pages.SelectMany(p => p.Acknowledged).Order().ToList();
        Assert.Equal(pages.Sum(p => p.Recorded.Count), acknowledged.Count);
        Assert.Equal(acknowledged, stored.Select(s => s.Nonce).Order());
        Assert.Equal(Enumerable.Range(1, stored.Count).Select(i => (long)i), stored.Select(s => s.Sequence));
    }

    [Fact]
    public async Task ASecondDeviceOnTheSameLinkStartingAgainAtOneLosesNothing()
    {
        var (participant, laptop) = await ConnectAsync();
        await using var _ = laptop;
        await using var phone = await OpenAsync(participant);
        var first = new BrowserLogger(laptop);
        var second = new BrowserLogger(phone);
        for (var i = 0; i < 22; i++)
        {
            first.Record();
            second.Record();
        }

        await first.FlushAsync(10);
        await second.FlushAsync(10);

        // Both pages used the numbers 1..22; neither page's events were taken for the other's and dropped.
        var stored = await StoredAsync(participant);
        Assert.Equal(44, stored.Count);
        AssertEachAcknowledgedEventStoredOnce(stored, first, second);
        Assert.Equal(new[] { Guid.Parse(first.Instance), Guid.Parse(second.Instance) }.Order(), stored.Select(s => s.Instance!.Value).Distinct().Order());
    }

    [Fact]
    public async Task TwoTabsSendingAtOnceWithLostAcksStoreEveryEventExactlyOnce()
    {
        var (participant, left) = await ConnectAsync();
        await using var _ = left;
        await using var right = await OpenAsync(participant);
        var tabs = new[] { new BrowserLogger(left), new BrowserLogger(right) };
        foreach (var tab in tabs)
            for (var i = 0; i < 122; i++) tab.Record();

        // Both tabs send at once; every third batch is sent again, as a page does when its ack was lost.
        await Task.WhenAll(tabs.Select(async tab =>
        {
            for (var batch = 0; tab.Outbox.Count > 0; batch++)
            {
                var events = tab.Outbox.Take(10).ToList();
                var ack = await tab.SendAsync(events);
                Assert.Equal(events.Select(e => e.Sequence), ack.Sequences);
                if (batch % 3 == 0)
                {
                    var again = await tab.SendAsync(events);
                    Assert.Equal((events.Count, 0), (again.Sequences.Count, again.Inserted));
                }
            }
        }));

        AssertEachAcknowledgedEventStoredOnce(await StoredAsync(participant), tabs);
    }

    [Fact]
    public async Task AnEventNoDatabaseCouldStoreAsSentIsKeptInASafeFormAndTheEventsBehindItAreStored()
    {
        var (participant, hub) = await ConnectAsync();
        await using var _ = hub;
        var page = new BrowserLogger(hub);
        page.Record(fields: "\"text\":\"before\"");
        // The editor split 😃 (\ud83d\ude03): the delta inserts only its second half.
        page.Record("writing.text-insert", "\"textDelta\":{\"ops\":[{\"retain\":2},{\"insert\":\"\\ude03\"}]}");
        page.Record(fields: "\"text\":\"a\\u0000b\"");            // a real NUL character
        page.Record(fields: "\"text\":\"typed \\\\u0000\"");      // a backslash typed before u0000: ordinary text
        page.Record(fields: "\"n\":1e999999");                   // beyond PostgreSQL's numeric
        page.Record("writing.text-insert", "\"paste\":\"" + new string('x', 1_100_000) + "\""); // over 1 MB
        page.Record(fields: "\"text\":\"after\"");

        var ack = await page.SendAsync();

        Assert.Equal((7, 7, 4), (ack.Sequences.Count, ack.Inserted, ack.Repaired));
        var stored = await StoredAsync(participant);
        AssertEachAcknowledgedEventStoredOnce(stored, page);
        Assert.Null(stored[0].Issue);
        Assert.Equal(StorableText.SurrogateIssue, stored[1].Issue);
        Assert.Equal("\uFFFD", stored[1].Json.GetProperty("textDelta").GetProperty("ops")[1].GetProperty("insert").GetString());
        Assert.Contains("\\ude03", stored[1].Original);
        Assert.Equal(StorableText.NulIssue, stored[2].Issue);
        Assert.Equal("a\uFFFDb", stored[2].Json.GetProperty("text").GetString());
        Assert.Null(stored[3].Issue);
        Assert.Equal("typed \\u0000", stored[3].Json.GetProperty("text").GetString());
        Assert.Equal(StorableText.NumberIssue, stored[4].Issue);
        Assert.Equal("1e999999", stored[4].Json.GetProperty("n").GetString());
        Assert.StartsWith("payload of 1,100,", stored[5].Issue);
        Assert.Equal(JsonValueKind.Object, stored[5].Json.ValueKind);
        Assert.Contains(new string('x', 1_100_000), stored[5].Original);
        Assert.Null(stored[6].Issue);
        Assert.All(stored.Where(s => s.Issue is null), s => Assert.Null(s.Original));
    }

    [Fact]
    public async Task ADifferentEventUnderANumberAlreadyStoredIsNotAcknowledged()
    {
        var (participant, hub) = await ConnectAsync();
        await using var _ = hub;
        var page = new BrowserLogger(hub);
        var original = page.Record();
        await page.SendAsync();

        var impostor = original with { Payload = "{\"nonce\":\"00000000000000000000000000000000\"}" };
        var next = page.Record();
        var ack = await page.SendAsync([impostor, next]);

        Assert.Equal([next.Sequence], ack.Sequences);
        var stored = await StoredAsync(participant);
        Assert.Equal([original.Nonce, next.Nonce], stored.Select(s => s.Nonce));
    }

    [Fact]
    public async Task ABatchThatNamesNoPageIsRefusedAndNothingOfItIsStored()
    {
        var (participant, hub) = await ConnectAsync();
        await using var _ = hub;
        var page = new BrowserLogger(hub);
        var e = page.Record();

        var error = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<TraceAck>("AppendEvents", new BrowserLogger.RawBatch(null, [e])));

        Assert.Contains("page instance", error.Message);
        Assert.Empty(await StoredAsync(participant));
    }
}

/// <summary>The protocol on PostgreSQL (group commit, unnest inserts).</summary>
public sealed class TraceProtocolOnPostgresTests(PlatformFixture platform) : TraceProtocolTests(platform), IClassFixture<PlatformFixture>;

/// <summary>The protocol on the embedded SQLite default.</summary>
public sealed class TraceProtocolOnSqliteTests(SqlitePlatformFixture platform) : TraceProtocolTests(platform), IClassFixture<SqlitePlatformFixture>;
