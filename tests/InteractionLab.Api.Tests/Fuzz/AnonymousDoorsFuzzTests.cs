using System.Diagnostics;
using InteractionLab.Api.Data;
using InteractionLab.Api.Seeding;
using InteractionLab.Domain;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Tracing;
using InteractionLab.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace InteractionLab.Api.Tests.Fuzz;

/// <summary>
/// Fuzzes every door anyone can reach without signing in, and every hub method, on real Kestrel and PostgreSQL
/// (issue 13): at least 5,000 requests from seeded generators (<c>INTERACTIONLAB_FUZZ_SEED</c> replays a run), eight
/// at a time. Nothing may answer 500 or hide an unhandled exception, nothing may be logged as an error, and nothing
/// refused may be stored: the study holds exactly the sessions whose consent was answered with a cookie, no survey
/// answer or turn, and exactly the events the hub acknowledged.
/// </summary>
public sealed class AnonymousDoorsFuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Workers = 8;
    private const int HttpPerWorker = 400;
    private const int HubCallsPerWorker = 300;
    private readonly PostgresDatabase _database = new();
    private readonly CapturedLogs _logs = new();
    private PlatformFactory _platform = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _platform = new PlatformFactory(_database.ConnectionString) { Logs = _logs };
        _platform.StartKestrel();
    }

    public async Task DisposeAsync()
    {
        await _platform.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task NoAnonymousDoorOrHubMethodAnswers500OrStoresWhatItRefused()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("INTERACTIONLAB_FUZZ_SEED"), out var s) ? s : 20261206;
        var (slug, studyId) = await FuzzStudyAsync();
        var audited = await CountAsync(db => db.AuditEntries.CountAsync());
        var ledger = new FuzzLedger();
        _logs.Clear();
        var clock = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, Workers).Select(w => Task.Run(async () =>
        {
            var started = clock.Elapsed;
            await (w % 2 == 0
                ? new HttpDoorFuzzer(_platform, ledger, slug, seed + w).RunAsync(HttpPerWorker * 2)
                : new HubFuzzer(_platform, ledger, slug, seed + w).RunAsync(HubCallsPerWorker * 2));
            output.WriteLine($"worker {w} ({(w % 2 == 0 ? "http" : "hub")}) took {(clock.Elapsed - started).TotalSeconds:F1} s");
        })));

        foreach (var e in _logs.Entries.Where(e => e.Level >= LogLevel.Error).DistinctBy(e => e.Message[..Math.Min(60, e.Message.Length)]).Take(10))
            output.WriteLine($"logged {e.Level} {e.Category}: {e.Message} {e.Exception}");
        output.WriteLine($"seed {seed}: {ledger.Requests} requests in {clock.Elapsed.TotalSeconds:F1} s, {ledger.AcceptedSessions.Count} sessions accepted, " +
            $"{ledger.Acknowledged.Values.Sum(a => a.Count)} events acknowledged");
        Assert.True(ledger.Requests >= 5000, $"only {ledger.Requests} requests were sent");
        Assert.True(ledger.Failures.IsEmpty, $"{ledger.Failures.Count} failures, e.g.\n" + string.Join("\n", ledger.Failures
            .DistinctBy(f => f[(f.IndexOf(':') + 1)..Math.Min(f.Length, f.IndexOf(':') + 40)]).Take(20)));
        var errors = _logs.Entries.Where(e => e.Level >= LogLevel.Error).Select(e => $"{e.Category}: {e.Message} {e.Exception?.GetType().Name}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Distinct().Take(10)));

        await using var scope = _platform.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var sessions = await db.Sessions.Where(x => x.StudyId == studyId).Select(x => x.Id).ToListAsync();
        Assert.Equal(ledger.AcceptedSessions.Keys.Select(k => k.Value).Order(), sessions.Select(k => k.Value).Order());
        Assert.Equal(0, await db.SurveyResponses.CountAsync(r => sessions.Contains(r.SessionId)));
        Assert.Equal(0, await db.Turns.CountAsync(t => sessions.Contains(t.SessionId)));
        Assert.Equal(audited, await db.AuditEntries.CountAsync());
        var stored = (await db.TraceEvents.Where(e => sessions.Contains(e.SessionId) && e.Origin == TraceOrigin.Client)
            .Select(e => new { e.SessionId, e.Sequence }).ToListAsync()).ToLookup(e => e.SessionId, e => e.Sequence);
        foreach (var session in sessions)
        {
            var acked = ledger.Acknowledged.TryGetValue(session, out var a) ? a.Keys.Order().ToList() : [];
            Assert.Equal(acked, stored[session].Order().ToList());
        }
    }

    // The demo study, held at its instructions for an hour so no fuzzed call can reach the model or the surveys.
    private async Task<(string Slug, Guid Id)> FuzzStudyAsync()
    {
        var config = DemoStudy.Config();
        config = config with { Stages = config.Stages.Select(st => st.Key == "instructions" ? st with { MinSeconds = 3600 } : st).ToList() };
        await using var scope = _platform.Services.CreateAsyncScope();
        var study = await PlatformSeeder.CreateStudyAsync(scope.ServiceProvider.GetRequiredService<PlatformDbContext>(), "fuzz", "tester", config,
            StudyStatus.Open, TimeProvider.System);
        return ("fuzz", study.Id);
    }

    private async Task<int> CountAsync(Func<PlatformDbContext, Task<int>> count)
    {
        await using var scope = _platform.Services.CreateAsyncScope();
        return await count(scope.ServiceProvider.GetRequiredService<PlatformDbContext>());
    }
}
