using InteractionLab.Api.Tasks;
using InteractionLab.Api.Tasks.Summarization;
using static InteractionLab.Api.Tasks.Summarization.SummarizationEvents;

namespace InteractionLab.Api.Tests.Tasks.Summarization;

/// <summary>
/// The summarization progress replayed from a logged stage (<c>Fixtures/summarization-stage.jsonl</c>, written by
/// hand), and applied one event at a time as the participant page does.
/// </summary>
public sealed class SummarizationProgressReplayTests
{
    private static readonly IReadOnlyList<TaskEventRecord> Logged = TaskEventFixtures.Read("summarization-stage.jsonl");

    [Fact]
    public void ReplayingTheLogGivesEachDocumentsTextsRatingsTimesAndStep()
    {
        var progress = SummarizationProgress.From(Logged);

        Assert.Equal(2, progress.Count);
        Assert.Equal(1, progress.Finished);
        var d1 = progress.Of("d1");
        Assert.Equal(SummaryStep.Done, d1.Step);
        Assert.Equal("Draft one.", d1.Draft);
        Assert.Equal(new RatingPayload("d1", true, false, true), d1.Original);
        Assert.Equal(new RatingPayload("d1", true, true, true), d1.Edited);
        // The final edit (seq 7) wins over the snapshot (seq 5); editing began at the first edit-start (seq 4, not 6).
        Assert.Equal("Draft one, edited.", d1.EditedText);
        Assert.Equal(TaskEventFixtures.At(Logged, 4), d1.EditStartedAt);
        Assert.Equal(TaskEventFixtures.At(Logged, 7), d1.EditSubmittedAt);
        Assert.Equal(TaskEventFixtures.At(Logged, 3), d1.OriginalRatedAt);
        // d2 has its draft (seq 11) and waits for the participant's rating of it.
        Assert.Equal(SummaryStep.RateOriginal, progress.Of("d2").Step);
        Assert.Equal("Second.", progress.Of("d2").Draft);
    }

    [Fact]
    public void ApplyingTheEventsOneByOneAsThePageRecordsThemGivesTheSameProgressAsReplayingThem()
    {
        var live = new SummarizationProgress();
        var steps = new List<SummaryStep>();
        foreach (var e in Logged)
        {
            live.Apply(e);
            steps.Add(live.Of(e.Text("document")!).Step);
        }
        var replayed = SummarizationProgress.From(Logged);

        // The step after each event: shown → draft → rated → editing (snapshot, restart) → submitted → rated → done; then d2.
        Assert.Equal([SummaryStep.Draft, SummaryStep.RateOriginal, SummaryStep.Edit, SummaryStep.Edit, SummaryStep.Edit, SummaryStep.Edit,
            SummaryStep.RateEdited, SummaryStep.Next, SummaryStep.Done, SummaryStep.Draft, SummaryStep.RateOriginal], steps);
        Assert.Equal((replayed.Count, replayed.Finished), (live.Count, live.Finished));
        Assert.Equal(replayed.Documents.Select(Snapshot), live.Documents.Select(Snapshot));
    }

    private static object Snapshot(SummaryDocumentProgress d) => (d.Document, d.Shown, d.Draft, d.Original, d.OriginalRatedAt,
        d.EditStartedAt, d.EditedText, d.EditSubmittedAt, d.Edited, d.MovedOn, d.Step);
}
