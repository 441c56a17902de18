using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using InteractionLab.Api.ApiKeys;
using InteractionLab.Api.Data;
using InteractionLab.Api.Exports;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Domain;
using InteractionLab.Domain.Dialogue;
using InteractionLab.Domain.Tracing;
using InteractionLab.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.Exports;

/// <summary>
/// Incremental exports never skip a committed record. Ids are handed out at insert but transactions commit in any
/// order; a puller that passes back the <c>Next-After</c> header gets every record exactly once. On PostgreSQL a
/// transaction holding a lower id commits after one with a higher id; on SQLite writers are serialised, so the second
/// writer waits and its record gets the later id (id order is commit order there).
/// </summary>
public abstract class ExportCursorTests(ITestPlatform platform)
{
    private sealed record Study(Guid Id, SessionId Session, string Key);

    private async Task<Study> StudyWithOneSessionAsync()
    {
        var (slug, id) = await platform.CreateAsync();
        var participant = await platform.Factory.ConsentAsync(slug);
        await using var scope = platform.Scope(out _);
        var key = (await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync("analyst", id, [ApiKeyScopes.Export])).Key;
        return new Study(id, participant.SessionId, key);
    }

    private async Task<(List<long> Ids, string Next)> PullAsync(Study study, string what, string? after)
    {
        using var client = platform.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", study.Key);
        using var response = await client.GetAsync($"/api/v1/studies/{study.Id}/{what}" + (after is null ? "" : "?after=" + Uri.EscapeDataString(after)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        var ids = body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetInt64()).ToList();
        return (ids, Assert.Single(response.Headers.GetValues(ExportCursor.Header)));
    }

    // One record of the kind an export serves, distinct by n.
    private static object Row(string what, SessionId session, int n) => what switch
    {
        "events" => new TraceEvent
        {
            SessionId = session, Origin = TraceOrigin.Server, Sequence = 100_000 + n, ServerTime = DateTimeOffset.UtcNow,
            Type = "test.row", Payload = "{}",
        },
        "turns" => new Turn { SessionId = session, Index = 100_000 + n, Role = TurnRole.Participant, Text = "row " + n, CreatedAt = DateTimeOffset.UtcNow },
        _ => new SurveyResponse { SessionId = session, StageKey = "rating", ItemKey = "q" + n, Value = "3", SubmittedAt = DateTimeOffset.UtcNow },
    };

    private static long IdOf(object row) => ((ICommitOrdered)row).Id;

    private async Task<long> WriteAsync(object row)
    {
        await using var scope = platform.Scope(out var db);
        db.Add(row);
        await db.SaveChangesAsync();
        return IdOf(row);
    }

    [Theory]
    [InlineData("events")]
    [InlineData("turns")]
    [InlineData("surveys")]
    public async Task ARecordCommittedAfterOneWithAHigherIdIsStillPulledExactlyOnce(string what)
    {
        var study = await StudyWithOneSessionAsync();
        var (_, cursor) = await PullAsync(study, what, null);
        var pulled = new List<long>();

        await using var holdingScope = platform.Scope(out var holding);
        var early = Row(what, study.Session, 1);
        Task<long> later;
        await using (var tx = await holding.Database.BeginTransactionAsync())
        {
            holding.Add(early);
            await holding.SaveChangesAsync();
            // Another writer stores a record while the first transaction is still open (PostgreSQL: it commits now,
            // with a higher id; SQLite: it waits for the write lock).
            // (On its own thread: SQLite's driver waits for the lock synchronously.)
            later = Task.Run(() => WriteAsync(Row(what, study.Session, 2)));
            if (holding.Database.IsNpgsql()) Assert.True(await later > IdOf(early));
            var (ids, next) = await PullAsync(study, what, cursor);
            Assert.DoesNotContain(IdOf(early), ids);
            pulled.AddRange(ids);
            cursor = next;
            await tx.CommitAsync();
        }
        var laterId = await later;

        for (var attempt = 0; pulled.Count < 2 && attempt < 100; attempt++)
        {
            var (ids, next) = await PullAsync(study, what, cursor);
            pulled.AddRange(ids);
            cursor = next;
        }

        Assert.Equal([IdOf(early), laterId], pulled.Order());
        Assert.True(laterId > IdOf(early), "the later writer's record has the higher id");
    }

    [Fact]
    public async Task APullerPassingTheCursorBackWhileFourWritersCommitMissesAndRepeatsNothing()
    {
        var study = await StudyWithOneSessionAsync();
        var (_, cursor) = await PullAsync(study, "events", null);
        var written = new System.Collections.Concurrent.ConcurrentBag<long>();
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 40; i++)
            {
                await using var scope = platform.Scope(out var db);
                await using var tx = await db.Database.BeginTransactionAsync();
                var rows = new[] { Row("events", study.Session, w * 1000 + i * 2), Row("events", study.Session, w * 1000 + i * 2 + 1) };
                db.AddRange(rows);
                await db.SaveChangesAsync();
                await tx.CommitAsync();
                foreach (var row in rows) written.Add(IdOf(row));
            }
        })).ToArray();

        var pulled = new List<long>();
        var all = Task.WhenAll(writers);
        // Pull all along; once the writers are done, a few more pulls may be needed for what committed last.
        for (var afterDone = 0; afterDone < 100 && !(all.IsCompleted && pulled.Count >= written.Count);)
        {
            var (ids, next) = await PullAsync(study, "events", cursor);
            pulled.AddRange(ids);
            cursor = next;
            if (all.IsCompleted) afterDone++;
        }
        await all;

        Assert.Equal(320, written.Count);
        Assert.Equal(written.Order(), pulled.Order());
    }

    [Fact]
    public async Task TheOlderIdCursorStillWorksAndAnUnreadableCursorIsAClearProblem()
    {
        var study = await StudyWithOneSessionAsync();
        var first = await WriteAsync(Row("events", study.Session, 1));
        var second = await WriteAsync(Row("events", study.Session, 2));

        var (ids, next) = await PullAsync(study, "events", first.ToString(System.Globalization.CultureInfo.InvariantCulture));
        for (var attempt = 0; ids.Count == 0 && attempt < 100; attempt++)
            (ids, next) = await PullAsync(study, "events", first.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal([second], ids);
        Assert.StartsWith("c", next);
        using var client = platform.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", study.Key);
        using var bad = await client.GetAsync($"/api/v1/studies/{study.Id}/events?after=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Next-After", await bad.Content.ReadAsStringAsync());
    }
}

/// <summary>The cursor on PostgreSQL: transaction ids below the oldest running transaction.</summary>
public sealed class ExportCursorOnPostgresTests(PlatformFixture platform) : ExportCursorTests(platform), IClassFixture<PlatformFixture>;

/// <summary>The cursor on SQLite: ids below the highest committed one.</summary>
public sealed class ExportCursorOnSqliteTests(SqlitePlatformFixture platform) : ExportCursorTests(platform), IClassFixture<SqlitePlatformFixture>;
