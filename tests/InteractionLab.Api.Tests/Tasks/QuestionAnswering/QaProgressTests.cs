using InteractionLab.Api.Tasks;
using InteractionLab.Api.Tasks.QuestionAnswering;
using InteractionLab.Domain.Studies;

namespace InteractionLab.Api.Tests.Tasks.QuestionAnswering;

/// <summary>
/// The question-answering progress replayed from a logged stage (<c>Fixtures/qa-stage.jsonl</c>, written by hand):
/// what the page shows after a reload, what the replay shows and what the metrics and the completion rule count.
/// </summary>
public sealed class QaProgressTests
{
    private static readonly IReadOnlyList<TaskEventRecord> Logged = TaskEventFixtures.Read("qa-stage.jsonl");

    private static QaPlanItem Plan(string id, int position, bool assisted) =>
        new(new QaItem(id, id + "?", ["one", "two", "three"], "b"), position, assisted);

    private static readonly IReadOnlyList<QaPlanItem> ThreeQuestions = [Plan("planet", 0, true), Plan("water", 1, false), Plan("check", 2, false)];

    [Fact]
    public void ReplayingTheLogGivesTheQuestionsShownTheLastChoicesAndWhereTheParticipantIs()
    {
        var progress = QaProgress.Replay(Logged);

        // Shown: planet (seq 1), water (seq 7); seq 11 shows water again and changes nothing.
        Assert.Equal(["planet", "water"], progress.ShownOrder);
        Assert.Equal(3, progress.Count);
        // planet: a (seq 4) then b (seq 5), the last choice counts; water: c (seq 10).
        Assert.Equal("b", progress.ChoiceOf("planet"));
        Assert.Equal("c", progress.ChoiceOf("water"));
        Assert.Null(progress.ChoiceOf("check"));
        Assert.Equal(2, progress.Answered);
        // The assistant as the first showing had it: on for planet, off for water (the later "on" is not what was seen).
        Assert.True(progress.Assisted("planet"));
        Assert.False(progress.Assisted("water"));
        // Only planet was left with Next (seq 6), so the participant is on water, position 1.
        Assert.True(progress.WasLeft("planet"));
        Assert.False(progress.WasLeft("water"));
        Assert.Equal(1, progress.Position(ThreeQuestions));
    }

    [Fact]
    public void ThePagesOwnStepsGiveTheSameProgressAsReplayingWhatTheyRecorded()
    {
        // What the page does, in the order it does it (each step records the event of the fixture).
        var live = new QaProgress();
        Assert.True(live.Show("planet", assisted: true, count: 3));
        live.Choose("planet", "a");
        live.Choose("planet", "b");
        Assert.True(live.Leave("planet"));
        Assert.True(live.Show("water", assisted: false, count: 3));
        live.Choose("water", "c");
        Assert.False(live.Show("water", assisted: true, count: 3));

        var replayed = QaProgress.Replay(Logged);

        Assert.Equal(replayed.ShownOrder, live.ShownOrder);
        Assert.Equal((replayed.Count, replayed.Answered, replayed.Position(ThreeQuestions)), (live.Count, live.Answered, live.Position(ThreeQuestions)));
        Assert.All(ThreeQuestions.Select(p => p.Item.Id), id =>
            Assert.Equal((replayed.ChoiceOf(id), replayed.Assisted(id), replayed.WasLeft(id)), (live.ChoiceOf(id), live.Assisted(id), live.WasLeft(id))));
    }

    [Fact]
    public void EveryQuestionLeftPutsTheParticipantOnTheLastOne()
    {
        var progress = new QaProgress();
        foreach (var p in ThreeQuestions) progress.Leave(p.Item.Id);
        Assert.Equal(2, progress.Position(ThreeQuestions));
    }

    [Fact]
    public void TheCompletionRuleCountsTheReplayedAnswers()
    {
        var stage = new StageConfig("qa", StageKind.Task, "Questions", Task: new TaskConfig(QuestionAnsweringTask.TaskKey));
        // Two of the three questions answered (planet, water).
        Assert.Equal("Please answer every question before finishing (2 of 3 answered).",
            new QuestionAnsweringTask().CompletionProblem(new TaskStageRecord(stage, Logged, 0)));
    }
}
