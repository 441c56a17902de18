using InteractionLab.Api.Tasks;
using InteractionLab.Api.Tasks.MetaphorWriting;

namespace InteractionLab.Api.Tests.Tasks.MetaphorWriting;

/// <summary>
/// The metaphor writing progress replayed from a logged stage (<c>Fixtures/metaphor-stage.jsonl</c>, written by
/// hand), and changed through the page's own steps.
/// </summary>
public sealed class MetaphorWritingProgressTests
{
    private static readonly IReadOnlyList<TaskEventRecord> Logged = TaskEventFixtures.Read("metaphor-stage.jsonl");

    [Fact]
    public void ReplayingTheLogGivesTheSeedTheListAndTheNewestEditorText()
    {
        var progress = MetaphorWritingProgress.Replay(Logged);

        Assert.True(progress.SeedShown);
        // Added a1 (seq 3) and b2 (seq 5), removed a1 (seq 6).
        Assert.Equal([new MetaphorSentence("b2", "We packed our hopes like luggage.")], progress.Sentences);
        // Drafts by editor event number: 14 (seq 2); add at 30 empties the editor as 31 (seq 3); a late draft of 14 (seq 4)
        // is older and ignored; add at 52 → ("", 53); the draft at 60 (seq 7) is the newest.
        Assert.Equal(("Every turn", 60), progress.Draft);
    }

    [Fact]
    public void ThePagesOwnStepsGiveTheSameProgressAsReplayingWhatTheyRecorded()
    {
        var live = new MetaphorWritingProgress();
        live.Apply(Logged[0]); // the page applies the seed-shown event it recorded
        live.SaveDraft("Love is a ro", 14);
        live.Add(new MetaphorSentence("a1", "Love is a road with no map."), 30);
        live.SaveDraft("Love is a ro", 14);
        live.Add(new MetaphorSentence("b2", "We packed our hopes like luggage."), 52);
        Assert.Equal(("", 53), live.Draft);
        live.Remove("a1");
        live.SaveDraft("Every turn", 60);

        var replayed = MetaphorWritingProgress.Replay(Logged);

        Assert.Equal((replayed.SeedShown, replayed.Draft), (live.SeedShown, live.Draft));
        Assert.Equal(replayed.Sentences, live.Sentences);
    }
}
