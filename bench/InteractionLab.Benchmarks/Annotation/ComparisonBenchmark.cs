using System.Diagnostics;
using System.Security.Claims;
using InteractionLab.Api.Annotation.Data;
using InteractionLab.Api.Annotation.Exports;
using InteractionLab.Api.Annotation.Projects;
using InteractionLab.Api.Annotation.Quality;
using InteractionLab.Api.Data;
using InteractionLab.Api.Seeding;
using InteractionLab.Api.Staff;
using InteractionLab.Domain.Annotation;
using InteractionLab.Domain;
using InteractionLab.Domain.Studies;
using InteractionLab.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace InteractionLab.Benchmarks.Annotation;

/// <summary>
/// The first- vs third-party comparison (results page and <c>GET /ratings/comparison</c>) on a large study: each
/// completed session has the participant's own 1–5 "fluency" and one transcript item rated by 3 annotators, in two
/// conditions. Timed beside its floor: reading the joined record it is computed from, row by row, and nothing else.
/// </summary>
public static class ComparisonBenchmark
{
    /// <summary>Runs with the given session count (default 10,000).</summary>
    public static async Task<int> RunAsync(string server, int sessions)
    {
        AnnotationBenchmark.UseWebContentRoot();
        var database = "il_bench_" + Guid.NewGuid().ToString("N")[..12];
        await AnnotationBenchmark.AdminAsync(server, $"CREATE DATABASE \"{database}\"");
        try
        {
            var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
            await using var factory = new PlatformFactory(connectionString, new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" });
            _ = factory.Server;
            var (studyId, ids) = await SeedAsync(factory, sessions);
            var comparison = factory.Services.GetRequiredService<FirstThirdPartyComparison>();
            RatingComparison result = null!;
            double best = double.MaxValue, read = double.MaxValue;
            var rows = 0;
            for (var run = 0; run < 4; run++)
            {
                var watch = Stopwatch.StartNew();
                result = await comparison.ComputeAsync(studyId, ids, ["a", "b"]);
                if (run > 0) best = Math.Min(best, watch.Elapsed.TotalMilliseconds);
                await using var scope = factory.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
                watch.Restart();
                rows = 0;
                await foreach (var _ in JoinedRatings.RowsAsync(db, studyId, includeSimulated: true, aggregates: false)) rows++;
                if (run > 0) read = Math.Min(read, watch.Elapsed.TotalMilliseconds);
            }
            var q = result.Questions.Single();
            Console.WriteLine($"Comparison: {sessions:N0} completed sessions, 2 conditions, 1 question, 3 annotators per session, 1,000 resamples; {rows:N0} rows in the joined record; {Environment.ProcessorCount} cores; best of 3 after a warm-up.");
            Console.WriteLine();
            Console.WriteLine("| what | ms |");
            Console.WriteLine("|---|---|");
            Console.WriteLine($"| comparison (FirstThirdPartyComparison.ComputeAsync: read the record, means ± SE, alpha with 1,000 resamples) | {best:F0} |");
            Console.WriteLine($"| reference: read the joined record only | {read:F0} |");
            Console.WriteLine();
            Console.WriteLine($"alpha {q.Agreement.Alpha:F3} [{q.Agreement.Lower:F3}, {q.Agreement.Upper:F3}] over {q.Agreement.Units:N0} units; " +
                string.Join("; ", q.Cells.Select(c => $"{c.Condition}: participant {c.Participant.Mean:F2} ± {c.Participant.StandardError:F3}, annotators {c.Annotators.Mean:F2} ± {c.Annotators.StandardError:F3}")));
            return 0;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await AnnotationBenchmark.AdminAsync(server, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        }
    }

    // Rows written straight through the context in batches (the platform's own paths would take minutes for this many).
    private static async Task<(Guid Study, HashSet<Domain.SessionId> Sessions)> SeedAsync(PlatformFactory factory, int count)
    {
        var admin = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "bench"), new Claim(ClaimTypes.Role, StaffRoles.Admin)], "bench"));
        Guid studyId, versionId;
        string hash;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            studyId = (await PlatformSeeder.CreateStudyAsync(db, "bench-comparison", "bench", DemoStudy.Config(), StudyStatus.Open, TimeProvider.System)).Id;
            var version = await db.StudyVersions.Where(v => v.StudyId == studyId).OrderByDescending(v => v.Number).FirstAsync();
            (versionId, hash) = (version.Id, version.ConfigHash);
        }
        // A manual project, so the intake does not also turn the sessions into items.
        var project = (await factory.Services.GetRequiredService<AnnotationProjects>().CreateAsync(admin, studyId, new CreateAnnotationProject(Config: new AnnotationProjectConfig
        {
            Name = "Bench", Target = AnnotationTarget.Manual, RatersPerItem = 3,
            Form = new SurveyConfig([new SurveyItem("fluency", SurveyItemKind.Likert, "How fluent?", 1, 5)]),
        }))).Project;
        Guid[] raters;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var made = Enumerable.Range(0, 3).Select(_ => new Annotator { ProjectId = project.Id, Kind = AnnotatorKind.Staff, StaffUserId = Guid.NewGuid(), CreatedAt = DateTimeOffset.UtcNow }).ToList();
            db.Annotators.AddRange(made);
            await db.SaveChangesAsync();
            raters = made.Select(a => a.Id).ToArray();
        }
        var random = new Random(16);
        var ids = new HashSet<Domain.SessionId>();
        var watch = Stopwatch.StartNew();
        var now = DateTimeOffset.UtcNow;
        for (var start = 0; start < count; start += 1_000)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var batch = new List<(Session Session, AnnotationItem Item, int Truth)>();
            for (var n = start; n < Math.Min(count, start + 1_000); n++)
            {
                var participant = new Participant { CreatedAt = now };
                db.Participants.Add(participant);
                var session = new Session
                {
                    StudyId = studyId, StudyVersionId = versionId, ParticipantId = participant.Id, ConfigHash = hash, ConditionKey = n % 2 == 0 ? "a" : "b",
                    StartedAt = now, LastSeenAt = now, Status = SessionStatus.Completed, CompletedAt = now,
                };
                db.Sessions.Add(session);
                var truth = random.Next(1, 6);
                db.SurveyResponses.Add(new SurveyResponse { SessionId = session.Id, StageKey = "rating", ItemKey = "fluency", Value = Score(truth, random), SubmittedAt = now });
                var item = new AnnotationItem
                {
                    ProjectId = project.Id, SourceKey = $"bench:{n}", SessionId = session.Id, ContentJson = """{"kind":"transcript"}""", Submitted = 3, Taken = 3,
                    Shuffle = random.Next(AnnotatorShuffle.Ring), CreatedAt = now,
                };
                db.AnnotationItems.Add(item);
                batch.Add((session, item, truth));
                ids.Add(session.Id);
            }
            await db.SaveChangesAsync();
            var assignments = batch.SelectMany(b => raters.Select(r => (b, r, new AnnotationAssignment
            {
                ProjectId = project.Id, ItemId = b.Item.Id, AnnotatorId = r, Status = AssignmentStatus.Submitted, LeasedAt = now, LeaseExpiresAt = now,
                SubmittedAt = now, ProjectConfigHash = project.ConfigHash,
            }))).ToList();
            db.AnnotationAssignments.AddRange(assignments.Select(a => a.Item3));
            await db.SaveChangesAsync();
            db.AnnotationRatings.AddRange(assignments.Select(a => new AnnotationRating
            {
                ProjectId = project.Id, AssignmentId = a.Item3.Id, ItemId = a.b.Item.Id, AnnotatorId = a.r, QuestionKey = "fluency", Value = Score(a.b.Truth, random), SubmittedAt = now,
            }));
            await db.SaveChangesAsync();
        }
        Console.WriteLine($"Seeded {count:N0} sessions with {count * 3:N0} ratings in {watch.Elapsed.TotalSeconds:F0} s.");
        return (studyId, ids);
    }

    // A rater's (or the participant's) answer near the session's true value.
    private static string Score(int truth, Random random) => Math.Clamp(truth + random.Next(-1, 2), 1, 5).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
