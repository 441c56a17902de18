using System.Diagnostics;
using System.Security.Claims;
using InteractionLab.Api.ConditionResults;
using InteractionLab.Api.Data;
using InteractionLab.Api.Seeding;
using InteractionLab.Api.Staff;
using InteractionLab.Domain;
using InteractionLab.Domain.Dialogue;
using InteractionLab.Domain.Studies;
using InteractionLab.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace InteractionLab.Benchmarks.Results;

/// <summary>
/// How long the results page's query (<see cref="StudyResultsQuery"/>) takes as a study grows: 1,000 / 10,000
/// sessions of the demo study (two conditions, mostly completed) with 10 turns, 5 ratings, a comment and a turn
/// mark per model reply and mark item each, on PostgreSQL. Also counts the SQL commands per computation, which
/// must not grow with the number of sessions.
/// </summary>
public static class ResultsBenchmark
{
    private const int TurnsPerSession = 10;
    private const int Samples = 10;

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
        var sizes = args.Length > 0 ? args.Select(int.Parse).ToArray() : [1_000, 10_000];
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
            Console.WriteLine($"PostgreSQL database {database}; {TurnsPerSession} turns per session; {Environment.ProcessorCount} cores; {Samples} samples after 2 warm-ups.");
            Console.WriteLine();
            Console.WriteLine("| sessions | turns | survey answers | SQL commands | p50 ms | p95 ms | max ms |");
            Console.WriteLine("|---|---|---|---|---|---|---|");
            foreach (var size in sizes)
            {
                var (studyId, answers) = await SeedAsync(factory, size);
                var times = new List<double>();
                var commands = new CommandCounter();
                for (var i = 0; i < Samples + 2; i++)
                {
                    await using var scope = factory.Services.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
                    var query = scope.ServiceProvider.GetRequiredService<StudyResultsQuery>();
                    commands.Count = 0;
                    var watch = Stopwatch.StartNew();
                    StudyResults results;
                    using (commands.Listen(db)) results = await query.GetAsync(admin, studyId, new ResultsOptions(IncludeIncomplete: true));
                    watch.Stop();
                    if (i >= 2) times.Add(watch.Elapsed.TotalMilliseconds);
                    if (i == 0 && results.SessionsPerCondition.Sum() != size)
                        throw new InvalidOperationException($"The results counted {results.SessionsPerCondition.Sum()} sessions, expected {size}.");
                }
                times.Sort();
                Console.WriteLine($"| {size:N0} | {size * TurnsPerSession:N0} | {answers:N0} | {commands.Count} | {times[times.Count / 2]:F1} | {times[(int)(times.Count * 0.95)]:F1} | {times[^1]:F1} |");
            }
            return 0;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await AdminAsync(server, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        }
    }

    // Counts commands through the context's diagnostic events (the query itself is not changed for the benchmark).
    private sealed class CommandCounter : IObserver<KeyValuePair<string, object?>>
    {
        public int Count;

        public IDisposable Listen(PlatformDbContext db) =>
            ((DiagnosticListener)db.GetService<DiagnosticSource>()).Subscribe(this, name => name == RelationalEventId.CommandExecuting.Name);

        public void OnNext(KeyValuePair<string, object?> value) => Interlocked.Increment(ref Count);
        public void OnCompleted() { }
        public void OnError(Exception error) { }
    }

    /// <summary>A study with <paramref name="size"/> sessions with turns and survey answers, written in batches.</summary>
    private static async Task<(Guid StudyId, long Answers)> SeedAsync(PlatformFactory factory, int size)
    {
        Guid studyId, versionId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var study = await PlatformSeeder.CreateStudyAsync(db, "bench-" + size, "bench", DemoStudy.Config(), StudyStatus.Open, TimeProvider.System);
            studyId = study.Id;
            versionId = study.Versions[0].Id;
        }
        var config = DemoStudy.Config();
        var marks = config.Stages.Single(s => s.Key == "marks").Survey!.Items;
        var ratings = config.Stages.Single(s => s.Key == "rating").Survey!.Items;
        var now = DateTimeOffset.UtcNow;
        var random = new Random(size);
        var statuses = new[] { SessionStatus.Completed, SessionStatus.Completed, SessionStatus.Completed, SessionStatus.InProgress, SessionStatus.Abandoned };
        long answers = 0;
        for (var start = 0; start < size; start += 500)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = start; i < Math.Min(size, start + 500); i++)
            {
                var participant = new Participant { CreatedAt = now };
                var status = statuses[random.Next(statuses.Length)];
                var started = now.AddMinutes(-random.Next(1, 60 * 24 * 7));
                var session = new Session
                {
                    StudyId = studyId, StudyVersionId = versionId, ParticipantId = participant.Id, ConfigHash = "bench",
                    ConditionKey = i % 2 == 0 ? "warm" : "cool", Status = status, StageIndex = status == SessionStatus.Completed ? 5 : random.Next(0, 5),
                    StartedAt = started, LastSeenAt = started.AddMinutes(random.Next(1, 40)),
                    CompletedAt = status == SessionStatus.Completed ? started.AddMinutes(random.Next(5, 40)) : null,
                };
                db.Participants.Add(participant);
                db.Sessions.Add(session);
                for (var t = 0; t < TurnsPerSession; t++)
                {
                    var model = t % 2 == 1;
                    db.Turns.Add(new Turn
                    {
                        SessionId = session.Id, Index = t, Role = model ? TurnRole.Model : TurnRole.Participant,
                        Text = new string('x', 20 + random.Next(200)), CreatedAt = started.AddSeconds(30 * t),
                        FinishReason = model ? "stop" : null, FirstTokenMs = model ? 50 + random.Next(200) : null,
                        TotalMs = model ? 400 + random.Next(800) : null, StoppedByParticipant = model && random.Next(10) == 0,
                    });
                    if (!model || session.StageIndex < 4) continue;
                    foreach (var mark in marks)
                    {
                        db.SurveyResponses.Add(new SurveyResponse { SessionId = session.Id, StageKey = "marks", ItemKey = mark.Key, TurnIndex = t, Value = random.Next(3) == 0 ? "true" : "false", SubmittedAt = now });
                        answers++;
                    }
                }
                if (session.StageIndex < 5) continue;
                foreach (var item in ratings)
                {
                    var value = item.Kind == SurveyItemKind.Likert ? random.Next(1, 6).ToString(System.Globalization.CultureInfo.InvariantCulture) : "fine";
                    db.SurveyResponses.Add(new SurveyResponse { SessionId = session.Id, StageKey = "rating", ItemKey = item.Key, Value = value, SubmittedAt = now });
                    answers++;
                }
            }
            await db.SaveChangesAsync();
        }
        return (studyId, answers);
    }

    private static async Task AdminAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
