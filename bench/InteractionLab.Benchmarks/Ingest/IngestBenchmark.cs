using System.Diagnostics;
using System.Text.Json;
using InteractionLab.Api.Tracing;
using InteractionLab.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;

namespace InteractionLab.Benchmarks.Ingest;

/// <summary>
/// Trace events stored per second through the real path — SignalR clients over WebSockets to a real Kestrel
/// server, batches acknowledged one after another as the browser logger does — with 1, 50 and 200 concurrent
/// sessions, next to a raw binary COPY of the same rows into the same table on the same machine.
/// </summary>
public static class IngestBenchmark
{
    private const int BatchSize = 100;

    /// <summary>Runs the benchmark and prints a table.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var server = Environment.GetEnvironmentVariable("INTERACTIONLAB_BENCH_PG");
        if (string.IsNullOrWhiteSpace(server))
        {
            Console.Error.WriteLine("Set INTERACTIONLAB_BENCH_PG to a PostgreSQL server connection string, e.g. Host=127.0.0.1;Port=55433;Username=postgres");
            return 2;
        }
        // The factory finds the web project's content root through test-project metadata a console app lacks.
        const string contentRoot = "ASPNETCORE_TEST_CONTENTROOT_INTERACTIONLAB_WEB";
        if (Environment.GetEnvironmentVariable(contentRoot) is null)
            Environment.SetEnvironmentVariable(contentRoot, Path.GetFullPath("src/Web"));
        var scale = args.Length > 0 && double.TryParse(args[0], out var s) ? s : 1.0;
        var database = "il_bench_" + Guid.NewGuid().ToString("N")[..12];
        await Admin(server, $"CREATE DATABASE \"{database}\"");
        try
        {
            var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database, MaxPoolSize = 100 }.ConnectionString;
            await using var factory = new PlatformFactory(connectionString, new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            });
            factory.StartKestrel();
            Console.WriteLine($"Server {factory.ServerAddress} on PostgreSQL database {database}; batches of {BatchSize} events (~150 B payload each); {Environment.ProcessorCount} cores.");

            await RunHubAsync(factory, sessions: 4, batchesPerSession: 20); // warm-up (JIT, pools)

            // A small shared machine is noisy (other processes, checkpoints, autovacuum): every path runs three
            // times, interleaved, and the table shows the best and the median rate of each, side by side.
            var levels = new[] { (Sessions: 1, Batches: 300), (Sessions: 50, Batches: 40), (Sessions: 200, Batches: 10) };
            var hubRates = levels.ToDictionary(l => l.Sessions, _ => new List<double>());
            var copyRates = new List<double>();
            var copyEvents = (long)(200_000 * scale);
            for (var run = 0; run < 3; run++)
            {
                foreach (var (sessions, batches) in levels)
                {
                    var (events, seconds) = await RunHubAsync(factory, sessions, Math.Max(1, (int)(batches * scale)));
                    hubRates[sessions].Add(events / seconds);
                }
                var copySeconds = await RunCopyAsync(connectionString, copyEvents, run);
                Console.WriteLine($"  raw COPY: {copyEvents} rows in {copySeconds:F2}s");
                copyRates.Add(copyEvents / copySeconds);
            }

            static double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
            Console.WriteLine();
            Console.WriteLine($"| {"path",-22} | {"best events/s",13} | {"vs best COPY",12} | {"median events/s",15} | {"vs median COPY",14} |");
            Console.WriteLine($"|{new string('-', 24)}|{new string('-', 15)}|{new string('-', 14)}|{new string('-', 17)}|{new string('-', 16)}|");
            foreach (var (sessions, _) in levels)
            {
                var r = hubRates[sessions];
                Console.WriteLine($"| {$"hub, {sessions} session(s)",-22} | {r.Max(),13:N0} | {r.Max() / copyRates.Max(),12:P0} | {Median(r),15:N0} | {Median(r) / Median(copyRates),14:P0} |");
            }
            Console.WriteLine($"| {"raw binary COPY",-22} | {copyRates.Max(),13:N0} | {1,12:P0} | {Median(copyRates),15:N0} | {1,14:P0} |");
            return 0;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await Admin(server, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        }
    }

    private static async Task<(long Events, double Seconds)> RunHubAsync(PlatformFactory factory, int sessions, int batchesPerSession)
    {
        var participants = new List<ConsentedParticipant>();
        for (var i = 0; i < sessions; i++) participants.Add(await factory.ConsentAsync("demo"));
        var connections = participants.Select(p => factory.CreateHubConnection(p.Cookie)).ToList();
        await Task.WhenAll(connections.Select(c => c.StartAsync()));
        try
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var stored = await Task.WhenAll(connections.Select(c => SendAsync(c, batchesPerSession)));
            clock.Stop();
            Console.WriteLine($"  {sessions} sessions: {stored.Sum()} events in {clock.Elapsed.TotalSeconds:F2}s, app CPU (clients + server) {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F2}s");
            return (stored.Sum(), clock.Elapsed.TotalSeconds);
        }
        finally
        {
            await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
        }
    }

    // One page's logger: the next batch goes out when the previous one is acknowledged.
    private static async Task<long> SendAsync(HubConnection hub, int batches)
    {
        long stored = 0;
        var page = Guid.NewGuid().ToString();
        for (var b = 0; b < batches; b++)
        {
            var ack = await hub.InvokeAsync<TraceAck>("AppendEvents", Batch(b * BatchSize + 1, page));
            if (ack.Sequences.Count != BatchSize || ack.Inserted != BatchSize)
                throw new InvalidOperationException($"Expected {BatchSize} events stored, got {ack.Sequences.Count} ({ack.Inserted} new).");
            stored += ack.Inserted;
        }
        return stored;
    }

    private static TraceBatch Batch(long first, string page = "3b9d2f0e-8c47-4a61-b5e2-7f1c0d9a6e53") => new(Enumerable.Range(0, BatchSize).Select(i => new TraceEventInput(
        first + i, "text.insert", 1_700_000_000_000 + first + i,
        JsonSerializer.SerializeToElement(new { ops = new object[] { new { retain = first + i }, new { insert = "e" } }, range = new[] { first + i, first + i }, source = "user" })))
        .ToList(), page);

    private static async Task<double> RunCopyAsync(string connectionString, long events, int run)
    {
        // Same shape of rows (uuid, text, bigint, bigint, timestamptz, varchar, jsonb) into the same table, for sessions that exist.
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        var sessionIds = new List<Guid>();
        await using (var cmd = new NpgsqlCommand("""SELECT "Id" FROM "Sessions" LIMIT 200""", connection))
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync()) sessionIds.Add(reader.GetGuid(0));
        var payloads = Enumerable.Range(0, BatchSize).Select(i => Batch(i + 1).Events[0].Payload!.Value.GetRawText()).ToArray();

        var clock = Stopwatch.StartNew();
        await using (var copy = await connection.BeginBinaryImportAsync(
            """COPY "TraceEvents" ("SessionId", "Origin", "Sequence", "ClientTimeMs", "ServerTime", "Type", "Payload") FROM STDIN (FORMAT BINARY)"""))
        {
            var now = DateTimeOffset.UtcNow;
            for (long i = 0; i < events; i++)
            {
                // Synchronous writes: the fastest way to feed COPY from .NET (the buffer flushes as it fills).
                copy.StartRow();
                copy.Write(sessionIds[(int)(i % sessionIds.Count)], NpgsqlTypes.NpgsqlDbType.Uuid);
                copy.Write("Server", NpgsqlTypes.NpgsqlDbType.Text);
                copy.Write(1_000_000 * (run + 1) + i, NpgsqlTypes.NpgsqlDbType.Bigint);
                copy.Write(1_700_000_000_000 + i, NpgsqlTypes.NpgsqlDbType.Bigint);
                copy.Write(now, NpgsqlTypes.NpgsqlDbType.TimestampTz);
                copy.Write("text.insert", NpgsqlTypes.NpgsqlDbType.Varchar);
                copy.Write(payloads[i % payloads.Length], NpgsqlTypes.NpgsqlDbType.Jsonb);
            }
            await copy.CompleteAsync();
        }
        return clock.Elapsed.TotalSeconds;
    }

    private static async Task Admin(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync();
    }
}
