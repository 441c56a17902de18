using System.Diagnostics;
using InteractionLab.Api.Seeding;
using InteractionLab.Api.Tasks;
using InteractionLab.Domain;
using InteractionLab.Domain.Studies;
using InteractionLab.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace InteractionLab.Benchmarks.Tasks;

/// <summary>
/// The task-event path every task component waits on (<see cref="TaskEventLog.AppendAsync"/>: a sequence number reserved
/// from the session's counter row, then the insert) and the read a reload does (<see cref="TaskEventLog.ReadAsync"/>), on
/// PostgreSQL: latency of one participant's appends, throughput with many participants at once, and two writers on one
/// session (a task event and a reply being saved at the same moment), which wait for each other only on the counter row.
/// </summary>
public static class TaskEventsBenchmark
{
    private const string Stage = "task";

    /// <summary>Runs the benchmark and prints a table.</summary>
    public static async Task<int> RunAsync()
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
        var database = "il_bench_" + Guid.NewGuid().ToString("N")[..12];
        await AdminAsync(server, $"CREATE DATABASE \"{database}\"");
        try
        {
            var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
            await using var factory = new PlatformFactory(connectionString, new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" });
            _ = factory.Server;
            var slug = "bench-tasks";
            await using (var scope = factory.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<Api.Data.PlatformDbContext>();
                var demo = DemoStudy.Config();
                var config = demo with
                {
                    Stages = [demo.Stages[0], new StageConfig(Stage, StageKind.Task, "Questions", Task: new TaskConfig("question-answering", Stimuli: "demo-qa-general")), demo.Stages[^1]],
                };
                await PlatformSeeder.CreateStudyAsync(db, slug, "bench", config, StudyStatus.Open, TimeProvider.System);
            }
            var log = factory.Services.GetRequiredService<TaskEventLog>();
            var sessions = new List<SessionId>();
            for (var i = 0; i < 32; i++) sessions.Add((await factory.ConsentAsync(slug)).SessionId);

            Console.WriteLine($"PostgreSQL database {database}; {Environment.ProcessorCount} cores.");
            Console.WriteLine();
            Console.WriteLine("| case | events | events/s | append p50 ms | p95 ms | max ms |");
            Console.WriteLine("|---|---|---|---|---|---|");
            await CaseAsync("1 participant, one after another", [sessions[0]], 1, 500, log);
            await CaseAsync("32 participants at once", sessions, 1, 100, log);
            await CaseAsync("2 writers on one session", [sessions[1]], 2, 250, log);

            var read = new List<double>();
            for (var i = 0; i < 20; i++)
            {
                var watch = Stopwatch.StartNew();
                var events = await log.ReadAsync(sessions[0], Stage);
                read.Add(watch.Elapsed.TotalMilliseconds);
                if (events.Count < 500) throw new InvalidOperationException($"Read {events.Count} events, expected at least 500.");
            }
            read.Sort();
            Console.WriteLine();
            Console.WriteLine($"Resume read of a stage with 500+ events: p50 {read[read.Count / 2]:F2} ms, max {read[^1]:F2} ms.");
            return 0;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await AdminAsync(server, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        }
    }

    private static async Task CaseAsync(string name, IReadOnlyList<SessionId> sessions, int writersPerSession, int perWriter, TaskEventLog log)
    {
        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        var total = Stopwatch.StartNew();
        await Task.WhenAll(sessions.SelectMany(s => Enumerable.Range(0, writersPerSession).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < perWriter; i++)
            {
                var watch = Stopwatch.StartNew();
                await log.AppendAsync(s, Stage, "qa.answer", new { item = $"q{i % 11}", choice = "a", writer = w });
                latencies.Add(watch.Elapsed.TotalMilliseconds);
            }
        }))));
        total.Stop();
        var sorted = latencies.Order().ToList();
        Console.WriteLine($"| {name} | {sorted.Count:N0} | {sorted.Count / total.Elapsed.TotalSeconds:N0} | {sorted[sorted.Count / 2]:F2} | {sorted[(int)(sorted.Count * 0.95)]:F2} | {sorted[^1]:F2} |");
    }

    private static async Task AdminAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
