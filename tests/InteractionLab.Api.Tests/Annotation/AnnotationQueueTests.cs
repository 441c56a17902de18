using System.Collections.Concurrent;
using InteractionLab.Api.Annotation.Data;
using InteractionLab.Api.Annotation.Projects;
using InteractionLab.Api.Annotation.Queue;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Domain.Surveys;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace InteractionLab.Api.Tests.Annotation;

/// <summary>Assignment decided on the server, on a real PostgreSQL with real concurrency.</summary>
public class AnnotationQueueTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private static readonly AnnotationSubmission Yes = new([new SurveyAnswer("good", "yes")]);

    [Fact]
    public async Task ThirtyAnnotatorsRacingOverAHundredItemsLeaveEveryItemWithExactlyThreeDistinctAnnotators()
    {
        var (_, projectId) = await platform.ManualProjectAsync(items: 100, k: 3);
        var annotators = await platform.AnnotatorsAsync(projectId, 30);
        var queue = platform.Get<AnnotationQueue>();
        var submissions = platform.Get<AnnotationSubmissions>();
        var served = new ConcurrentBag<(Guid Annotator, Guid Item)>();

        // Every annotator asks, rates and asks again until nothing is left, all at once.
        await Task.WhenAll(annotators.Select(a => Task.Run(async () =>
        {
            while ((await queue.NextAsync(a)).Work is { } work)
            {
                served.Add((a, work.ItemId));
                await submissions.SubmitAsync(a, work.AssignmentId, Yes);
            }
        })));

        var items = await platform.ItemsAsync(projectId);
        Assert.Equal(100, items.Count);
        Assert.All(items, x =>
        {
            var submitted = x.Assignments.Where(a => a.Status == AssignmentStatus.Submitted).ToList();
            Assert.Equal(3, submitted.Count);
            Assert.Equal(3, submitted.Select(a => a.AnnotatorId).Distinct().Count());
            Assert.Equal(3, x.Item.Submitted);
            Assert.Null(x.Item.QueueRank);
        });
        Assert.Equal(300, served.Count);
        Assert.Equal(300, served.Distinct().Count());
    }

    [Fact]
    public async Task ProgressCountsTheItemOnTheAnnotatorsScreenAsLeftUntilItIsSubmitted()
    {
        var (_, projectId) = await platform.ManualProjectAsync(items: 3, k: 1);
        var a = (await platform.AnnotatorsAsync(projectId, 1))[0];
        var queue = platform.Get<AnnotationQueue>();
        Assert.Equal(new AnnotatorProgress(0, 3), await queue.ProgressAsync(a));

        var first = (await queue.NextAsync(a)).Work!;
        Assert.Equal(new AnnotatorProgress(0, 3), await queue.ProgressAsync(a)); // item 1 of 3 on screen: 3 left, not 2

        await platform.Get<AnnotationSubmissions>().SubmitAsync(a, first.AssignmentId, Yes);
        Assert.Equal(new AnnotatorProgress(1, 2), await queue.ProgressAsync(a));
    }

    [Fact]
    public async Task AReloadResumesTheItemTheAnnotatorHolds()
    {
        var (_, projectId) = await platform.ManualProjectAsync(items: 3, k: 1);
        var a = (await platform.AnnotatorsAsync(projectId, 1))[0];
        var queue = platform.Get<AnnotationQueue>();

        var first = (await queue.NextAsync(a)).Work!;
        await platform.Get<AnnotationSubmissions>().SaveDraftAsync(a, first.AssignmentId, [new SurveyAnswer("good", "no")]);
        var again = (await queue.NextAsync(a)).Work!;

        Assert.Equal(first.AssignmentId, again.AssignmentId);
        Assert.Equal("no", Assert.Single(again.Draft).Value);
    }

    [Fact]
    public async Task AnExpiredLeaseReturnsItsItemToTheQueue()
    {
        var (_, projectId) = await platform.ManualProjectAsync(items: 1, k: 1, c => c with { LeaseMinutes = 30 });
        var (a, b) = await TwoAsync(projectId);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var queue = ActivatorUtilities.CreateInstance<AnnotationQueue>(platform.Factory.Services, time);
        var submissions = ActivatorUtilities.CreateInstance<AnnotationSubmissions>(platform.Factory.Services, time);

        var held = (await queue.NextAsync(a)).Work!;
        Assert.Equal(FinishedReason.NoItems, (await queue.NextAsync(b)).Finished);
        time.Advance(TimeSpan.FromMinutes(31));
        var taken = (await queue.NextAsync(b)).Work;

        Assert.Equal(held.ItemId, taken?.ItemId);
        // A comes back too late: the item went to B, so A's answers are refused rather than making two ratings of k = 1.
        var late = await Assert.ThrowsAsync<PlatformProblemException>(() => submissions.SubmitAsync(a, held.AssignmentId, Yes));
        Assert.Equal(409, late.Status);
        await submissions.SubmitAsync(b, taken!.AssignmentId, Yes);
        var item = Assert.Single(await platform.ItemsAsync(projectId));
        Assert.Equal(1, item.Item.Submitted);
        Assert.Equal(AssignmentStatus.Expired, item.Assignments.Single(x => x.AnnotatorId == a).Status);
    }

    [Fact]
    public async Task ALateSubmissionIsKeptWhenNobodyTookTheExpiredSlot()
    {
        var (_, projectId) = await platform.ManualProjectAsync(items: 1, k: 1);
        var (a, b) = await TwoAsync(projectId);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var queue = ActivatorUtilities.CreateInstance<AnnotationQueue>(platform.Factory.Services, time);

        var held = (await queue.NextAsync(a)).Work!;
        time.Advance(TimeSpan.FromHours(2));
        Assert.Equal(held.ItemId, (await queue.NextAsync(b)).Work?.ItemId);
        await platform.Get<AnnotationSubmissions>().SkipAsync(b, (await queue.NextAsync(b)).Work!.AssignmentId, "Not my language");
        await platform.Get<AnnotationSubmissions>().SubmitAsync(a, held.AssignmentId, Yes);

        var item = Assert.Single(await platform.ItemsAsync(projectId));
        Assert.Equal(1, item.Item.Submitted);
        Assert.Equal(AssignmentStatus.Submitted, item.Assignments.Single(x => x.AnnotatorId == a).Status);
    }

    [Fact]
    public async Task ASkippedItemGoesToSomeoneElseAndNeverBackToTheSkipper()
    {
        var (_, projectId) = await platform.ManualProjectAsync(items: 1, k: 1);
        var (a, b) = await TwoAsync(projectId);
        var queue = platform.Get<AnnotationQueue>();

        var work = (await queue.NextAsync(a)).Work!;
        await platform.Get<AnnotationSubmissions>().SkipAsync(a, work.AssignmentId, "I know the author");

        Assert.Equal(FinishedReason.NoItems, (await queue.NextAsync(a)).Finished);
        Assert.Equal(work.ItemId, (await queue.NextAsync(b)).Work?.ItemId);
        var skipped = Assert.Single(await platform.ItemsAsync(projectId)).Assignments.Single(x => x.AnnotatorId == a);
        Assert.Equal("I know the author", skipped.SkipReason);
    }

    [Fact]
    public async Task ASkipNeedsAReasonNamedByItsField()
    {
        var (_, projectId) = await platform.ManualProjectAsync(items: 1, k: 1);
        var a = (await platform.AnnotatorsAsync(projectId, 1))[0];
        var work = (await platform.Get<AnnotationQueue>().NextAsync(a)).Work!;

        var e = await Assert.ThrowsAsync<PlatformProblemException>(() => platform.Get<AnnotationSubmissions>().SkipAsync(a, work.AssignmentId, " "));

        Assert.Equal(400, e.Status);
        Assert.Contains("reason", e.Errors.Keys);
    }

    [Fact]
    public async Task ItemsClosestToCompletionAreServedFirst()
    {
        var (_, projectId) = await platform.ManualProjectAsync(items: 5, k: 3);
        var annotators = await platform.AnnotatorsAsync(projectId, 3);
        var queue = platform.Get<AnnotationQueue>();
        var first = (await queue.NextAsync(annotators[0])).Work!;
        await platform.Get<AnnotationSubmissions>().SubmitAsync(annotators[0], first.AssignmentId, Yes);

        // The item with one rating needs the fewest more, so the next two annotators both get it.
        Assert.Equal(first.ItemId, (await queue.NextAsync(annotators[1])).Work?.ItemId);
        Assert.Equal(first.ItemId, (await queue.NextAsync(annotators[2])).Work?.ItemId);
    }

    [Fact]
    public async Task AnAnnotatorStopsAtTheirCap()
    {
        var (_, projectId) = await platform.ManualProjectAsync(items: 5, k: 1, c => c with { CapPerAnnotator = 2 });
        var a = (await platform.AnnotatorsAsync(projectId, 1))[0];
        var queue = platform.Get<AnnotationQueue>();
        for (var i = 0; i < 2; i++) await platform.Get<AnnotationSubmissions>().SubmitAsync(a, (await queue.NextAsync(a)).Work!.AssignmentId, Yes);

        Assert.Equal(FinishedReason.CapReached, (await queue.NextAsync(a)).Finished);
        Assert.Equal(new AnnotatorProgress(2, 0), await queue.ProgressAsync(a));
    }

    [Fact]
    public async Task EachAnnotatorWalksTheItemRingFromTheirOwnOffsetAndTheOrderIsRecorded()
    {
        var (_, projectId) = await platform.ManualProjectAsync(items: 20, k: 20);
        var annotators = await platform.AnnotatorsAsync(projectId, 2);
        var queue = platform.Get<AnnotationQueue>();
        foreach (var a in annotators)
        {
            var order = new List<Guid>();
            while ((await queue.NextAsync(a)).Work is { } work)
            {
                order.Add(work.ItemId);
                await platform.Get<AnnotationSubmissions>().SubmitAsync(a, work.AssignmentId, Yes);
            }

            // Every item needs as many more ratings as every other here, so the ring decides: from the annotator's
            // offset to the end, then from the start.
            var offset = Domain.Annotation.AnnotatorShuffle.Offset(a);
            var items = await platform.ItemsAsync(projectId);
            Assert.Equal(items.OrderBy(x => x.Item.Shuffle < offset).ThenBy(x => x.Item.Shuffle).Select(x => x.Item.PublicId), order);
            var positions = items.SelectMany(x => x.Assignments).Where(x => x.AnnotatorId == a).OrderBy(x => x.Position).Select(x => x.ItemId);
            Assert.Equal(items.OrderBy(x => x.Item.Shuffle < offset).ThenBy(x => x.Item.Shuffle).Select(x => x.Item.Id), positions);
        }
    }

    [Fact]
    public async Task QualificationItemsComeFirstAndAnAnnotatorWhoFailsThemGetsNoRegularItems()
    {
        var (study, projectId) = await platform.ManualProjectAsync(items: 3, k: 2, c => c with { QualificationPassShare = 1 });
        await platform.Get<ProjectItems>().AddAsync(AnnotationKit.Researcher, study, projectId,
        [
            new ManualItem("q1", "Qualify one", Role: "qualification", Expected: new Dictionary<string, string> { ["good"] = "yes" }),
            new ManualItem("q2", "Qualify two", Role: "qualification", Expected: new Dictionary<string, string> { ["good"] = "no" }),
        ]);
        var (passes, fails) = await TwoAsync(projectId);
        var queue = platform.Get<AnnotationQueue>();
        var submissions = platform.Get<AnnotationSubmissions>();

        async Task AnswerQualificationAsync(Guid annotator, bool right)
        {
            for (var i = 0; i < 2; i++)
            {
                var work = (await queue.NextAsync(annotator)).Work!;
                Assert.StartsWith("Qualify", work.Content.Text);
                var expected = work.Content.Text == "Qualify one" ? "yes" : "no";
                await submissions.SubmitAsync(annotator, work.AssignmentId, new([new SurveyAnswer("good", right ? expected : "yes")]));
            }
        }
        await AnswerQualificationAsync(passes, right: true);
        await AnswerQualificationAsync(fails, right: false);

        Assert.StartsWith("Text number", (await queue.NextAsync(passes)).Work?.Content.Text);
        Assert.Equal(FinishedReason.NotQualified, (await queue.NextAsync(fails)).Finished);
    }

    [Fact]
    public async Task EveryThirdItemIsAGoldItemAndItIsScored()
    {
        var (study, projectId) = await platform.ManualProjectAsync(items: 6, k: 1, c => c with { GoldEvery = 3 });
        await platform.Get<ProjectItems>().AddAsync(AnnotationKit.Researcher, study, projectId,
            [new ManualItem("gold", "A known answer", Role: "gold", Expected: new Dictionary<string, string> { ["good"] = "no" })]);
        var a = (await platform.AnnotatorsAsync(projectId, 1))[0];
        var queue = platform.Get<AnnotationQueue>();
        var texts = new List<string?>();
        for (var i = 0; i < 3; i++)
        {
            var work = (await queue.NextAsync(a)).Work!;
            texts.Add(work.Content.Text);
            await platform.Get<AnnotationSubmissions>().SubmitAsync(a, work.AssignmentId, Yes);
        }

        Assert.Equal("A known answer", texts[2]);
        Assert.DoesNotContain("A known answer", texts.Take(2));
        var gold = (await platform.ItemsAsync(projectId)).Single(x => x.Item.Role == AnnotationItemRole.Gold);
        Assert.Equal(0, Assert.Single(gold.Assignments).GoldScore);
    }

    private async Task<(Guid, Guid)> TwoAsync(Guid projectId)
    {
        var two = await platform.AnnotatorsAsync(projectId, 2);
        return (two[0], two[1]);
    }
}
