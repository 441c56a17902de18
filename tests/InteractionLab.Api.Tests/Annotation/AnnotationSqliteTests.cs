using InteractionLab.Api.Annotation.Data;
using InteractionLab.Api.Annotation.Projects;
using InteractionLab.Api.Annotation.Queue;
using InteractionLab.Api.Data;
using InteractionLab.Api.Seeding;
using InteractionLab.Domain.Annotation;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Surveys;
using InteractionLab.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.Annotation;

/// <summary>The embedded default: on SQLite the hand-out is a serialised write, and the guarantees are the same.</summary>
public sealed class AnnotationSqliteTests : IAsyncLifetime
{
    private readonly string file = Path.Combine(Path.GetTempPath(), $"il-annot-{Guid.NewGuid():N}.db");
    private PlatformFactory factory = null!;

    public Task InitializeAsync()
    {
        factory = PlatformFactory.WithSettings(new Dictionary<string, string?>
        {
            ["Database:Provider"] = nameof(DatabaseProvider.Sqlite),
            ["ConnectionStrings:Platform"] = $"Data Source={file}",
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in new[] { file, file + "-wal", file + "-shm" }) File.Delete(f);
    }

    [Fact]
    public async Task OnSqliteTenAnnotatorsAtOnceLeaveEveryItemWithExactlyKDistinctAnnotatorsAndSessionsFlowIn()
    {
        Guid studyId;
        await using (var scope = factory.Services.CreateAsyncScope())
            studyId = (await PlatformSeeder.CreateStudyAsync(scope.ServiceProvider.GetRequiredService<PlatformDbContext>(),
                "sqlite-annot", "tester", DemoStudy.Config(), StudyStatus.Open, TimeProvider.System)).Id;
        var projects = factory.Services.GetRequiredService<AnnotationProjects>();
        var project = (await projects.CreateAsync(AnnotationKit.Researcher, studyId, new CreateAnnotationProject(Config: new AnnotationProjectConfig
        {
            Name = "Transcripts", Target = AnnotationTarget.Transcript, Form = AnnotationKit.YesNoForm(), RatersPerItem = 3,
        }))).Project;
        for (var i = 0; i < 20; i++)
            await FinishedSessions.AddAsync(factory, studyId, i % 2 == 0 ? "warm" : "cool", ["Hello", $"Hi number {i}"]);
        List<Guid> annotators;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            var rows = Enumerable.Range(0, 10).Select(_ => new Annotator { ProjectId = project.Id, Kind = AnnotatorKind.Staff, StaffUserId = Guid.NewGuid() }).ToList();
            db.Annotators.AddRange(rows);
            await db.SaveChangesAsync();
            annotators = rows.Select(a => a.Id).ToList();
        }
        var queue = factory.Services.GetRequiredService<AnnotationQueue>();
        var submissions = factory.Services.GetRequiredService<AnnotationSubmissions>();

        await Task.WhenAll(annotators.Select(a => Task.Run(async () =>
        {
            while ((await queue.NextAsync(a)).Work is { } work)
                await submissions.SubmitAsync(a, work.AssignmentId, new([new SurveyAnswer("good", "yes")]));
        })));

        await using var check = factory.Services.CreateAsyncScope();
        var after = check.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var perItem = await after.AnnotationAssignments.Where(a => a.ProjectId == project.Id && a.Status == AssignmentStatus.Submitted)
            .GroupBy(a => a.ItemId).Select(g => new { Count = g.Count(), Distinct = g.Select(a => a.AnnotatorId).Distinct().Count() }).ToListAsync();
        Assert.Equal(20, perItem.Count);
        Assert.All(perItem, x => Assert.Equal((3, 3), (x.Count, x.Distinct)));
    }
}
