using System.Diagnostics;
using System.Security.Claims;
using InteractionLab.Api.Annotation.Data;
using InteractionLab.Api.Annotation.Projects;
using InteractionLab.Api.Annotation.Queue;
using InteractionLab.Api.Data;
using InteractionLab.Api.Seeding;
using InteractionLab.Api.Staff;
using InteractionLab.Domain.Annotation;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Surveys;
using InteractionLab.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace InteractionLab.Benchmarks.Annotation;

/// <summary>
/// The two annotation numbers, each beside its physical reference. <c>alpha</c>: Krippendorff's alpha with
/// 1,000 bootstrap resamples on 10,000 units × 3 raters (ordinal and nominal), beside one pass over the same
/// coincidence triples per resample (the least any resampling of units must do). <c>queue</c>: next-item latency
/// p50/p99 with 200 annotators asking at once over 100,000 items on PostgreSQL (the real queue: row locks, leases,
/// k = 3), beside a bare <c>SELECT 1</c> round trip on the same server under the same 200-way concurrency.
/// </summary>
public static class AnnotationBenchmark
{
    /// <summary>Runs <c>alpha</c>, <c>queue [items] [annotators] [rounds]</c>, <c>comparison [sessions]</c>, or alpha and queue.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args is ["comparison", .. var rest])
        {
            if (Environment.GetEnvironmentVariable("INTERACTIONLAB_BENCH_PG") is not { Length: > 0 } pg)
            {
                Console.Error.WriteLine("Set INTERACTIONLAB_BENCH_PG to a PostgreSQL server connection string.");
                return 2;
            }
            return await ComparisonBenchmark.RunAsync(pg, rest is [var n, ..] ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : 10_000);
        }
        if (args is [] or ["alpha", ..]) Alpha();
        if (args is [] or ["queue", ..]) return await QueueAsync(args.Skip(1).Select(int.Parse).ToArray());
        return 0;
    }

    private static void Alpha()
    {
        const int units = 10_000, raters = 3;
        var random = new Random(16);
        var data = Enumerable.Range(0, units).Select(_ =>
        {
            var truth = random.Next(1, 6);
            return (IReadOnlyList<double>)Enumerable.Range(0, raters).Select(_ => (double)Math.Clamp(truth + random.Next(-1, 2), 1, 5)).ToList();
        }).ToList();
        Console.WriteLine($"Alpha: {units:N0} units × {raters} raters, 1,000 resamples, {Environment.ProcessorCount} cores; best of 3 after a warm-up.");
        Console.WriteLine();
        Console.WriteLine("| level | alpha | 95% interval | ms | reference: 1,000 passes over the coincidence triples, ms |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var level in new[] { MeasurementLevel.Ordinal, MeasurementLevel.Nominal })
        {
            AgreementEstimate estimate = AlphaBootstrap.Estimate(data, level);
            var best = double.MaxValue;
            for (var i = 0; i < 3; i++)
            {
                var watch = Stopwatch.StartNew();
                estimate = AlphaBootstrap.Estimate(data, level);
                best = Math.Min(best, watch.Elapsed.TotalMilliseconds);
            }
            Console.WriteLine($"| {level} | {estimate.Alpha:F3} | [{estimate.Lower:F3}, {estimate.Upper:F3}] | {best:F0} | {Reference(data):F0} |");
        }
        Console.WriteLine();
    }

    // Each unit of 3 values has 6 ordered pairs; a resample draws units and adds their pairs into a matrix. This is
    // that work alone (random unit, 6 weighted adds), 1,000 times: what no resampling of units can avoid.
    private static double Reference(IReadOnlyList<IReadOnlyList<double>> data)
    {
        var triples = data.Select(u => (from i in Enumerable.Range(0, u.Count) from j in Enumerable.Range(0, u.Count) where i != j
                                        select ((int)u[i] - 1) * 5 + (int)u[j] - 1).ToArray()).ToArray();
        var best = double.MaxValue;
        for (var run = 0; run < 3; run++)
        {
            var random = new Random(16);
            var matrix = new double[25];
            var watch = Stopwatch.StartNew();
            for (var r = 0; r < 1000; r++)
            {
                Array.Clear(matrix);
                for (var n = 0; n < triples.Length; n++)
                    foreach (var cell in triples[random.Next(triples.Length)]) matrix[cell] += 0.5;
            }
            best = Math.Min(best, watch.Elapsed.TotalMilliseconds);
            if (matrix.Sum() <= 0) throw new InvalidOperationException("The reference did no work.");
        }
        return best;
    }

    private static async Task<int> QueueAsync(int[] args)
    {
        var server = Environment.GetEnvironmentVariable("INTERACTIONLAB_BENCH_PG");
        if (string.IsNullOrWhiteSpace(server))
        {
            Console.Error.WriteLine("Set INTERACTIONLAB_BENCH_PG to a PostgreSQL server connection string, e.g. Host=127.0.0.1;Port=55433;Username=postgres");
            return 2;
        }
        var (items, annotators, rounds) = (args.ElementAtOrDefault(0) is > 0 and var i ? i : 100_000, args.ElementAtOrDefault(1) is > 0 and var a ? a : 200,
            args.ElementAtOrDefault(2) is > 0 and var r ? r : 5);
        UseWebContentRoot();
        var database = "il_bench_" + Guid.NewGuid().ToString("N")[..12];
        await AdminAsync(server, $"CREATE DATABASE \"{database}\"");
        try
        {
            var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database, MaxPoolSize = 250 }.ConnectionString;
            await using var factory = new PlatformFactory(connectionString, new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" });
            _ = factory.Server;
            var (projectId, ids) = await SeedAsync(factory, items, annotators);
            var queue = factory.Services.GetRequiredService<AnnotationQueue>();
            var submissions = factory.Services.GetRequiredService<AnnotationSubmissions>();
            var next = new List<double>();
            for (var round = 0; round < rounds + 1; round++)
            {
                using var start = new ManualResetEventSlim();
                var tasks = ids.Select(id => Task.Run(async () =>
                {
                    start.Wait();
                    var watch = Stopwatch.StartNew();
                    var work = (await queue.NextAsync(id)).Work ?? throw new InvalidOperationException("The queue ran dry.");
                    return (id, work.AssignmentId, Ms: watch.Elapsed.TotalMilliseconds);
                })).ToList();
                start.Set();
                var served = await Task.WhenAll(tasks);
                if (round > 0) next.AddRange(served.Select(s => s.Ms)); // round 0 warms the pools and the plans
                // Submitted after every request of the round was answered, so submissions do not compete with them.
                await Task.WhenAll(served.Select(s => submissions.SubmitAsync(s.id, s.AssignmentId, new AnnotationSubmission([new SurveyAnswer("good", "yes")]))));
            }
            var reference = await SelectOneAsync(connectionString, annotators, rounds);
            Console.WriteLine($"Queue: {items:N0} items, k = 3, {annotators} annotators asking at once, {rounds} rounds ({next.Count} requests); PostgreSQL database {database}; {Environment.ProcessorCount} cores.");
            Console.WriteLine();
            Console.WriteLine("| what | p50 ms | p99 ms | max ms |");
            Console.WriteLine("|---|---|---|---|");
            Console.WriteLine($"| next item (AnnotationQueue.NextAsync) | {P(next, 0.5):F1} | {P(next, 0.99):F1} | {next.Max():F1} |");
            Console.WriteLine($"| reference: SELECT 1, same concurrency | {P(reference, 0.5):F1} | {P(reference, 0.99):F1} | {reference.Max():F1} |");
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var twice = await db.AnnotationAssignments.Where(x => x.ProjectId == projectId).GroupBy(x => new { x.ItemId, x.AnnotatorId }).CountAsync(g => g.Count() > 1);
            if (twice > 0) throw new InvalidOperationException($"{twice} annotator(s) got an item twice.");
            return 0;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await AdminAsync(server, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        }
    }

    private static double P(List<double> values, double q)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * q))];
    }

    private static async Task<List<double>> SelectOneAsync(string connectionString, int concurrency, int rounds)
    {
        await using var source = NpgsqlDataSource.Create(connectionString);
        var times = new List<double>();
        for (var round = 0; round < rounds + 1; round++)
        {
            using var start = new ManualResetEventSlim();
            var tasks = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
            {
                start.Wait();
                var watch = Stopwatch.StartNew();
                await using var command = source.CreateCommand("SELECT 1");
                await command.ExecuteScalarAsync();
                return watch.Elapsed.TotalMilliseconds;
            })).ToList();
            start.Set();
            var round_ = await Task.WhenAll(tasks);
            if (round > 0) times.AddRange(round_);
        }
        return times;
    }

    // A manual project of short texts added through the platform's own item path, in batches, and its annotators.
    private static async Task<(Guid ProjectId, IReadOnlyList<Guid> Annotators)> SeedAsync(PlatformFactory factory, int items, int annotators)
    {
        var admin = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "bench"), new Claim(ClaimTypes.Role, StaffRoles.Admin)], "bench"));
        Guid studyId;
        await using (var scope = factory.Services.CreateAsyncScope())
            studyId = (await PlatformSeeder.CreateStudyAsync(scope.ServiceProvider.GetRequiredService<PlatformDbContext>(), "bench-annotation", "bench",
                DemoStudy.Config(), StudyStatus.Open, TimeProvider.System)).Id;
        var project = (await factory.Services.GetRequiredService<AnnotationProjects>().CreateAsync(admin, studyId, new CreateAnnotationProject(Config: new AnnotationProjectConfig
        {
            Name = "Bench", Target = AnnotationTarget.Manual, RatersPerItem = 3,
            Form = new SurveyConfig([new SurveyItem("good", SurveyItemKind.YesNo, "Is it good?")]),
        }))).Project;
        var watch = Stopwatch.StartNew();
        for (var start = 0; start < items; start += 5_000)
        {
            var batch = Enumerable.Range(start, Math.Min(5_000, items - start)).Select(n => new ManualItem($"t{n}", $"Text number {n}.")).ToList();
            var added = await factory.Services.GetRequiredService<ProjectItems>().AddAsync(admin, studyId, project.Id, batch);
            if (added.Errors.Count > 0) throw new InvalidOperationException(added.Errors[0].ToString());
        }
        Console.WriteLine($"Seeded {items:N0} items in {watch.Elapsed.TotalSeconds:F0} s.");
        await using var seed = factory.Services.CreateAsyncScope();
        var db = seed.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var made = Enumerable.Range(0, annotators).Select(_ => new Annotator
        {
            ProjectId = project.Id, Kind = AnnotatorKind.Staff, StaffUserId = Guid.NewGuid(), CreatedAt = DateTimeOffset.UtcNow,
        }).ToList();
        db.Annotators.AddRange(made);
        await db.SaveChangesAsync();
        return (project.Id, made.Select(a => a.Id).ToList());
    }

    /// <summary>Points the platform host at src/Web (the benchmark runs from the repository root).</summary>
    internal static void UseWebContentRoot()
    {
        const string contentRoot = "ASPNETCORE_TEST_CONTENTROOT_INTERACTIONLAB_WEB";
        if (Environment.GetEnvironmentVariable(contentRoot) is null) Environment.SetEnvironmentVariable(contentRoot, Path.GetFullPath("src/Web"));
    }

    /// <summary>Runs one statement on the server's default database (create or drop a benchmark database).</summary>
    internal static async Task AdminAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
