using System.Diagnostics;
using System.Security.Claims;
using InteractionLab.Api.Data;
using InteractionLab.Api.Monitoring;
using InteractionLab.Api.Seeding;
using InteractionLab.Api.Staff;
using InteractionLab.Domain;
using InteractionLab.Domain.Dialogue;
using InteractionLab.Domain.Studies;
using InteractionLab.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace InteractionLab.Benchmarks.Dashboard;

/// <summary>
/// How long the live dashboard's snapshot (<see cref="StudyDashboardQuery"/>) takes to compute as a study grows:
/// 1,000 / 10,000 / 50,000 sessions with 10 turns each, spread over statuses, stages and two conditions, on
/// PostgreSQL. The dashboard recomputes it after every debounced burst of participant activity, so this is the
/// cost of one live update.
/// </summary>
public static class DashboardBenchmark
{
    private const int TurnsPerSession = 10;
    private const int Samples = 15;

    /// <summary>Runs the benchmark and prints a table.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var server = Environment.GetEnvironmentVariable("INTERACTIONLAB_BENCH_PG");
        if (string.IsNullOrWhiteSpace(server))
        {
            Console.Error.WriteLine("Set INTERACTIONLAB_BENCH_PG to a PostgreSQL server connection string, e.g. Host=127.0.0.1;Port=55433;Username=postgres");
            return 2;
        }
        const string contentRoot = "ASPNETCORE_TEST_CONTENTROOT_INTERACTIONLAB_WEB";
        if (Environment.GetEnvironmentVariable(contentRoot) is null)
            Environment.SetEnvironmentVariable(contentRoot, Path.GetFullPath("src/Web"));
        var sizes = args.Length > 0 ? args.Select(int.Parse).ToArray() : [1_000, 10_000, 50_000];
        var database = "il_bench_" + Guid.NewGuid().ToString("N")[..12];
        await AdminAsync(server, $"CREATE DATABASE \"{database}\"");
        try
        {
            var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
            await using var factory = new PlatformFactory(connectionString, new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Warning",
            });
            _ = factory.Server;
            var admin = new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(ClaimTypes.Name, "bench"), new Claim(ClaimTypes.Role, StaffRoles.Admin)], "bench"));
            Console.WriteLine($"PostgreSQL database {database}; {TurnsPerSession} turns per session; {Environment.ProcessorCount} cores; {Samples} samples after 3 warm-ups.");
            Console.WriteLine();
            Console.WriteLine("| sessions | turns | p50 ms | p95 ms | max ms |");
            Console.WriteLine("|---|---|---|---|---|");
            foreach (var size in sizes)
            {
                var studyId = await SeedAsync(factory, size);
                var times = new List<double>();
                for (var i = 0; i < Samples + 3; i++)
                {
                    await using var scope = factory.Services.CreateAsyncScope();
                    var query = scope.ServiceProvider.GetRequiredService<StudyDashboardQuery>();
                    var watch = Stopwatch.StartNew();
                    var dashboard = await query.GetAsync(admin, studyId);
                    watch.Stop();
                    if (i >= 3) times.Add(watch.Elapsed.TotalMilliseconds);
                    if (i == 0 && dashboard.Counts.Total != size)
                        throw new InvalidOperationException($"The dashboard counted {dashboard.Counts.Total} sessions, expected {size}.");
                }
                times.Sort();
                Console.WriteLine($"| {size:N0} | {size * TurnsPerSession:N0} | {times[times.Count / 2]:F1} | {times[(int)(times.Count * 0.95)]:F1} | {times[^1]:F1} |");
            }
            return 0;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await AdminAsync(server, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        }
    }

    /// <summary>A study with <paramref name="size"/> sessions in a realistic mix of states, written in batches.</summary>
    private static async Task<Guid> SeedAsync(PlatformFactory factory, int size)
    {
        Guid studyId, versionId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var study = await PlatformSeeder.CreateStudyAsync(db, "bench-" + size, "bench", DemoStudy.Config(), StudyStatus.Open, TimeProvider.System);
            studyId = study.Id;
            versionId = study.Versions[0].Id;
        }
        var now = DateTimeOffset.UtcNow;
        var random = new Random(size);
        var statuses = new[] { SessionStatus.Completed, SessionStatus.Completed, SessionStatus.InProgress, SessionStatus.Abandoned, SessionStatus.Withdrawn };
        for (var start = 0; start < size; start += 1_000)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = start; i < Math.Min(size, start + 1_000); i++)
            {
                var participant = new Participant { CreatedAt = now };
                var status = statuses[random.Next(statuses.Length)];
                var started = now.AddMinutes(-random.Next(1, 60 * 24 * 7));
                var session = new Session
                {
                    StudyId = studyId, StudyVersionId = versionId, ParticipantId = participant.Id, ConfigHash = "bench",
                    ConditionKey = i % 2 == 0 ? "warm" : "cool", Status = status, StageIndex = random.Next(0, 5), StartedAt = started,
                    LastSeenAt = started.AddMinutes(random.Next(1, 40)),
                    CompletedAt = status == SessionStatus.Completed ? started.AddMinutes(random.Next(5, 40)) : null,
                };
                db.Participants.Add(participant);
                db.Sessions.Add(session);
                for (var t = 0; t < TurnsPerSession; t++)
                    db.Turns.Add(new Turn
                    {
                        SessionId = session.Id, Index = t, Role = t % 2 == 0 ? TurnRole.Participant : TurnRole.Model,
                        Text = new string('x', 80 + random.Next(200)), CreatedAt = started.AddSeconds(30 * t),
                        FinishReason = t % 2 == 1 ? "stop" : null, TotalMs = t % 2 == 1 ? 800 : null,
                    });
            }
            await db.SaveChangesAsync();
        }
        return studyId;
    }

    private static async Task AdminAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
