using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using InteractionLab.Api.Seeding;
using InteractionLab.Api.Sessions;
using InteractionLab.Api.Tasks.SocialDialogue;
using InteractionLab.Domain;
using InteractionLab.Domain.Studies;
using InteractionLab.Inference;
using InteractionLab.Inference.Demo;
using InteractionLab.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace InteractionLab.Benchmarks.Participants;

/// <summary>
/// `participants [count...] [--messages M] [--think S]`: how many participants one instance serves with the
/// in-process demo model. For each count, that many participants consent to the demo study and each sends M messages
/// (default 4) through <see cref="DialogueService"/> (the path the chat page and the hub use: save the message,
/// render the prompt, stream the reply, save it), thinking S seconds (default 5, ±50 %) between a reply's end and the
/// next message; starts are spread over the first think time. Reported per count: replies, failed replies, time to
/// the first streamed piece as the caller sees it (p50/p99), and ONNX Runtime's own Run time per generated token over
/// the step (the physical floor). The answer is the largest count with 0 failed replies and first-piece p99 under 1 s.
/// </summary>
/// <remarks>
/// Only APIs that exist on every commit since the dialogue was written are used, so the same file measures a build
/// before and after a change. PostgreSQL from <c>INTERACTIONLAB_BENCH_PG</c> (a database is created and dropped).
/// </remarks>
public static class ParticipantsBenchmark
{
    /// <summary>Runs the benchmark and prints a table.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var server = Environment.GetEnvironmentVariable("INTERACTIONLAB_BENCH_PG");
        if (string.IsNullOrWhiteSpace(server))
        {
            Console.Error.WriteLine("Set INTERACTIONLAB_BENCH_PG to a PostgreSQL server connection string, e.g. Host=127.0.0.1;Port=55433;Username=postgres");
            return 2;
        }
        var messages = Option(args, "--messages", 4);
        var think = TimeSpan.FromSeconds(Option(args, "--think", 5));
        var counts = args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToList();
        if (counts.Count == 0) counts = [25, 50, 100, 150, 200, 300, 400, 500];

        const string contentRoot = "ASPNETCORE_TEST_CONTENTROOT_INTERACTIONLAB_WEB";
        if (Environment.GetEnvironmentVariable(contentRoot) is null)
            Environment.SetEnvironmentVariable(contentRoot, Path.GetFullPath("src/Web"));
        var database = "il_bench_" + Guid.NewGuid().ToString("N")[..12];
        await AdminAsync(server, $"CREATE DATABASE \"{database}\"");
        try
        {
            var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database, MaxPoolSize = 200 }.ConnectionString;
            await using var factory = new PlatformFactory(connectionString, new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Error" });
            _ = factory.Server;
            var model = factory.Services.GetRequiredService<LocalModelHost>().GetDecoder(DemoModels.ChatModelId);
            var dialogue = factory.Services.GetRequiredService<DialogueService>();

            Console.WriteLine($"Demo study on the in-process demo model; {messages} messages per participant, think time {think.TotalSeconds:0} s ±50 %; " +
                $"{Environment.ProcessorCount} cores, {model.Provider}; PostgreSQL database {database}.");
            Console.WriteLine();
            Console.WriteLine("| participants | replies | failed | first piece p50 ms | p99 ms | max ms | replies/s | ORT Run us/token | tokens |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
            // Every count is measured (failures beyond the answer are part of the picture); the answer is the largest
            // count up to which every step met both conditions.
            int? best = null;
            var allMet = true;
            foreach (var count in counts)
            {
                var step = await StepAsync(factory, dialogue, model, count, messages, think);
                Console.WriteLine(step.Row);
                allMet &= step.Failed == 0 && step.P99 < 1000;
                if (allMet) best = count;
            }
            Console.WriteLine();
            Console.WriteLine(best is { } b
                ? $"Largest count with 0 failed replies and first-piece p99 under 1 s: {b} participants."
                : "Not even the smallest count met 0 failed replies and first-piece p99 under 1 s.");
            return 0;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await AdminAsync(server, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        }
    }

    private sealed record Step(string Row, int Failed, double P99);

    private static async Task<Step> StepAsync(PlatformFactory factory, DialogueService dialogue, InteractionLab.Inference.Engine.DecoderModel model,
        int count, int messages, TimeSpan think)
    {
        var slug = $"bench-p{count}-{Guid.NewGuid():N}"[..24];
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Api.Data.PlatformDbContext>();
            await PlatformSeeder.CreateStudyAsync(db, slug, "bench", DemoStudy.Config(), StudyStatus.Open, TimeProvider.System);
        }
        var sessions = new List<SessionId>();
        for (var i = 0; i < count; i++)
        {
            var participant = await factory.ConsentAsync(slug);
            await using var scope = factory.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ParticipantSessionService>().CompleteStageAsync(participant.SessionId, "instructions");
            sessions.Add(participant.SessionId);
        }

        var firstPiece = new ConcurrentBag<double>();
        var failed = 0;
        var random = new Random(count);
        var starts = sessions.Select(_ => random.NextDouble() * think.TotalMilliseconds).ToList();
        var thinks = sessions.Select(_ => Enumerable.Range(0, messages).Select(_ => think.TotalMilliseconds * (0.5 + random.NextDouble())).ToList()).ToList();
        model.Metrics.Reset();
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(sessions.Select((session, i) => Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(starts[i]));
            for (var m = 0; m < messages; m++)
            {
                var clock = Stopwatch.StartNew();
                double? first = null;
                try
                {
                    await foreach (var _ in dialogue.StreamReplyAsync(session, $"Message {m + 1}: what do you like to do on weekends?"))
                        first ??= clock.Elapsed.TotalMilliseconds;
                    firstPiece.Add(first ?? clock.Elapsed.TotalMilliseconds);
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref failed);
                }
                await Task.Delay(TimeSpan.FromMilliseconds(thinks[i][m]));
            }
        })));
        wall.Stop();
        var sorted = firstPiece.Order().ToList();
        double P(double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
        var tokens = model.Metrics.Tokens;
        var runPerToken = tokens == 0 ? double.NaN : model.Metrics.RunTicks * 1e6 / Stopwatch.Frequency / tokens;
        var replies = sorted.Count + failed;
        var row = string.Create(CultureInfo.InvariantCulture,
            $"| {count} | {replies} | {failed} | {P(50):0} | {P(99):0} | {(sorted.Count == 0 ? double.NaN : sorted[^1]):0} | {replies / wall.Elapsed.TotalSeconds:0.0} | {runPerToken:0.0} | {tokens} |");
        return new Step(row, failed, failed > 0 ? double.PositiveInfinity : P(99));
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static async Task AdminAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
