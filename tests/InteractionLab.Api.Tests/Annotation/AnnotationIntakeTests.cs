using System.Text.Json;
using InteractionLab.Api.Annotation.Data;
using InteractionLab.Api.Annotation.Intake;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Domain;
using InteractionLab.Domain.Annotation;
using InteractionLab.Domain.Studies;
using InteractionLab.Testing;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Tests.Annotation;

/// <summary>Items flow in by themselves from completed sessions that match a project's filter.</summary>
public class AnnotationIntakeTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private static readonly string[] Chat = ["Hi there, I just moved here.", "Welcome! What brings you here?", "Work, mostly.", "Nice, what do you do?"];

    private static AnnotationProjectConfig Transcripts(ItemFilter? filter = null) => new()
    {
        Name = "Transcripts", Target = AnnotationTarget.Transcript, Form = AnnotationKit.YesNoForm(), Filter = filter ?? new ItemFilter(),
    };

    [Fact]
    public async Task ASessionThatCompletesAfterTheProjectExistsBecomesAnItemAtOnce()
    {
        var (_, study) = await platform.CreateAsync();
        var project = (await platform.ProjectAsync(study, Transcripts())).Project;

        var session = await FinishedSessions.AddAsync(platform.Factory, study, "warm", Chat);

        var item = Assert.Single(await platform.ItemsAsync(project.Id)).Item;
        Assert.Equal(session, item.SessionId);
        Assert.Equal("chat", item.StageKey);
        var content = ItemFactory.ContentOf(item);
        Assert.Equal(["person", "ai", "person", "ai"], content.Turns!.Select(t => t.Speaker));
        Assert.Equal(Chat, content.Turns!.Select(t => t.Text));
        Assert.Equal(3, item.QueueRank);
    }

    [Fact]
    public async Task AProjectCreatedLaterIsBackfilledWithTheSessionsCompletedSoFar()
    {
        var (_, study) = await platform.CreateAsync();
        await FinishedSessions.AddAsync(platform.Factory, study, "warm", Chat);
        await FinishedSessions.AddAsync(platform.Factory, study, "cool", Chat);

        var saved = await platform.ProjectAsync(study, Transcripts());

        Assert.Equal(2, saved.ItemsAdded);
        Assert.Equal(2, saved.Project.Counts.Items);
    }

    [Fact]
    public async Task SimulatedSessionsNeverBecomeItemsAndImportedOnesDo()
    {
        var (_, study) = await platform.CreateAsync();
        var project = (await platform.ProjectAsync(study, Transcripts())).Project;

        await FinishedSessions.AddAsync(platform.Factory, study, "warm", Chat, simulated: true);
        var imported = await FinishedSessions.AddAsync(platform.Factory, study, "warm", Chat, importSource: "coauthor:session-1.jsonl");
        await platform.Get<ItemIntake>().BackfillAsync(project.Id);

        Assert.Equal(imported, Assert.Single(await platform.ItemsAsync(project.Id)).Item.SessionId);
    }

    [Fact]
    public async Task ASessionCompletedInsideATransactionBecomesAnItemThroughABackgroundJobAfterTheCommit()
    {
        var (_, study) = await platform.CreateAsync();
        var project = (await platform.ProjectAsync(study, Transcripts())).Project;
        var session = await FinishedSessions.AddAsync(platform.Factory, study, "warm", Chat);
        await using (var scope = platform.Scope(out var db))
        {
            // Back to in progress, then completed again inside an explicit transaction: the intake cannot see the
            // session before the commit, so it is handed to a Hangfire job (stored, so a restart does not lose it).
            await db.AnnotationItems.Where(i => i.ProjectId == project.Id).ExecuteDeleteAsync();
            await db.Sessions.Where(s => s.Id == session).ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SessionStatus.InProgress));
            await using var transaction = await db.Database.BeginTransactionAsync();
            var row = await db.Sessions.SingleAsync(s => s.Id == session);
            row.Status = SessionStatus.Completed;
            await db.SaveChangesAsync();
            Assert.Empty(await db.AnnotationItems.Where(i => i.ProjectId == project.Id).ToListAsync());
            await transaction.CommitAsync();
        }

        // The job makes the item, then Hangfire records it as succeeded: wait for the record of this session's job (other
        // tests of the class enqueue intake jobs of their own), then the item is there.
        var jobs = platform.Get<Hangfire.JobStorage>().GetMonitoringApi();
        await Poll.UntilAsync(() => Task.FromResult(jobs.SucceededJobs(0, 1000)),
            done => done.Any(j => j.Value.Job?.Type == typeof(IntakeJob) && j.Value.Job.Args[0] is Guid[] ids && ids.Contains(session.Value)),
            TimeSpan.FromSeconds(30), "this session's intake job to succeed");
        var items = await platform.ItemsAsync(project.Id);
        Assert.Equal(session, Assert.Single(items).Item.SessionId);
    }

    [Fact]
    public async Task AWithdrawnSessionTakesItsItemsAndRatingsWithIt()
    {
        var (_, study) = await platform.CreateAsync();
        var project = (await platform.ProjectAsync(study, Transcripts() with { RatersPerItem = 1 })).Project;
        var session = await FinishedSessions.AddAsync(platform.Factory, study, "warm", Chat);
        var annotator = (await platform.AnnotatorsAsync(project.Id, 1))[0];
        var work = (await platform.Get<Api.Annotation.Queue.AnnotationQueue>().NextAsync(annotator)).Work!;
        await platform.Get<Api.Annotation.Queue.AnnotationSubmissions>().SubmitAsync(annotator, work.AssignmentId,
            new([new Domain.Surveys.SurveyAnswer("good", "yes")]));

        await using (var scope = platform.Scope(out var db))
        {
            var row = await db.Sessions.SingleAsync(s => s.Id == session);
            row.Status = SessionStatus.Withdrawn;
            await db.SaveChangesAsync();
        }

        Assert.Empty(await platform.ItemsAsync(project.Id));
        await using var check = platform.Scope(out var after);
        Assert.False(await after.AnnotationRatings.AnyAsync(r => r.ProjectId == project.Id));
        // The sweep's backfill does not bring it back either.
        await platform.Get<ItemIntake>().BackfillAsync(project.Id);
        Assert.Empty(await platform.ItemsAsync(project.Id));
    }

    [Fact]
    public async Task TheFilterSelectsConditionsAndCompletionDates()
    {
        var (_, study) = await platform.CreateAsync();
        await FinishedSessions.AddAsync(platform.Factory, study, "warm", Chat);
        await FinishedSessions.AddAsync(platform.Factory, study, "cool", Chat);

        var warm = await platform.ProjectAsync(study, Transcripts(new ItemFilter(Conditions: ["warm"])));
        var future = await platform.ProjectAsync(study, Transcripts(new ItemFilter(CompletedFrom: DateTimeOffset.UtcNow.AddDays(1))));

        Assert.Equal(1, warm.ItemsAdded);
        Assert.Equal(0, future.ItemsAdded);
    }

    [Fact]
    public async Task SummariesBecomeAnOriginalAndAnEditedItemEachAndPairsWhenAskedFor()
    {
        var (_, study) = await platform.CreateAsync(FinishedSessions.WithSummaryStage);
        var session = await FinishedSessions.AddAsync(platform.Factory, study, "warm", Chat,
            summaries: [("harbour-ferry", "The ferry is back.", "The island ferry is back after repairs.")]);

        var single = await platform.ProjectAsync(study, new AnnotationProjectConfig { Name = "S", Target = AnnotationTarget.Summary, Form = AnnotationKit.YesNoForm() });
        var pairs = await platform.ProjectAsync(study, new AnnotationProjectConfig { Name = "P", Target = AnnotationTarget.SummaryPair, Form = AnnotationKit.YesNoForm() });

        var items = (await platform.ItemsAsync(single.Project.Id)).Select(x => x.Item).OrderBy(i => i.ArtifactKey).ToList();
        Assert.Equal(["harbour-ferry:edited", "harbour-ferry:original"], items.Select(i => i.ArtifactKey));
        var edited = ItemFactory.ContentOf(items[0]);
        Assert.Equal("The island ferry is back after repairs.", edited.Text);
        Assert.Contains("Tarn Island", edited.Context);
        var pair = ItemFactory.ContentOf(Assert.Single(await platform.ItemsAsync(pairs.Project.Id)).Item);
        Assert.Equal(("The ferry is back.", "The island ferry is back after repairs."), (pair.Text, pair.Second?.Text));
        Assert.All(items, i => Assert.Equal(session, i.SessionId));
    }

    [Fact]
    public async Task IntakeTwiceMakesNoSecondCopy()
    {
        var (_, study) = await platform.CreateAsync();
        var project = (await platform.ProjectAsync(study, Transcripts())).Project;
        var session = await FinishedSessions.AddAsync(platform.Factory, study, "warm", Chat);

        await platform.Get<ItemIntake>().IngestSessionsAsync([session]);
        await platform.Get<ItemIntake>().BackfillAsync(project.Id);

        Assert.Single(await platform.ItemsAsync(project.Id));
    }

    [Fact]
    public async Task ModelTurnItemsRateOneReplyWithTheConversationBeforeIt()
    {
        var (_, study) = await platform.CreateAsync();
        await FinishedSessions.AddAsync(platform.Factory, study, "warm", Chat);

        var project = (await platform.ProjectAsync(study, Transcripts() with { Target = AnnotationTarget.ModelTurn })).Project;

        var items = (await platform.ItemsAsync(project.Id)).Select(x => ItemFactory.ContentOf(x.Item)).OrderBy(c => c.FocusTurn).ToList();
        Assert.Equal([1, 3], items.Select(c => c.FocusTurn));
        Assert.Equal(2, items[0].Turns!.Count);
        Assert.Equal(4, items[1].Turns!.Count);
    }

    [Fact]
    public async Task RedactionIsStoredInTheSnapshotWithItsCounts()
    {
        var (_, study) = await platform.CreateAsync();
        var project = (await platform.ProjectAsync(study, Transcripts() with
        {
            Redaction = RedactionRules.Default with { Names = ["Priya"], Patterns = [@"\bORD-\d+\b"] },
        })).Project;

        await FinishedSessions.AddAsync(platform.Factory, study, "warm",
        [
            "I'm Priya, mail me at priya@example.org or call +44 20 7946 0958.",
            "Sure. See https://example.com/help for more.",
            "My Prolific id is 5f3c2b1a9d8e7f6a5b4c3d2e and my order ORD-7781.",
            "Thanks!",
        ]);

        var item = Assert.Single(await platform.ItemsAsync(project.Id)).Item;
        var texts = ItemFactory.ContentOf(item).Turns!.Select(t => t.Text).ToList();
        Assert.Equal("I'm [name], mail me at [email] or call [phone].", texts[0]);
        Assert.Equal("Sure. See [url] for more.", texts[1]);
        Assert.Equal("My Prolific id is [id] and my order [redacted].", texts[2]);
        var counts = JsonSerializer.Deserialize<Dictionary<string, int>>(item.RedactionsJson!)!;
        Assert.Equal(1, counts["email"]);
        Assert.Equal(1, counts["name"]);
    }
}
