using InteractionLab.Domain.Sessions;
using InteractionLab.Domain.Studies;

namespace InteractionLab.Domain.Tests.Sessions;

public sealed class StageRulesTests
{
    // consent, consent, task, survey, debrief, survey (a stage after the debrief is never reached by Next's rule).
    private static readonly StudyConfig Study = TestStudies.TwoConditions() with
    {
        Stages =
        [
            new StageConfig("consent", StageKind.Consent, "Consent", "You agree."),
            new StageConfig("consent-2", StageKind.Consent, "More consent", "You agree again."),
            new StageConfig("chat", StageKind.Task, "Chat", Task: new TaskConfig("social-dialogue", ["Say hi."]), MinSeconds: 60, TimeLimitSeconds: 300),
            new StageConfig("survey", StageKind.Survey, "Survey", Survey: new SurveyConfig([new SurveyItem("again", SurveyItemKind.Likert, "Talk again?")])),
            new StageConfig("debrief", StageKind.Debrief, "Thanks", "Bye."),
        ],
    };

    private static StageConfig Chat => Study.Stages[2];

    [Fact]
    public void ANewSessionStartsOnTheFirstStageAfterEveryConsentStage() =>
        Assert.Equal(2, StageRules.FirstAfterConsent(Study));

    [Fact]
    public void AStudyOfOnlyConsentStagesStartsOnItsLastStage()
    {
        var onlyConsent = Study with { Stages = [Study.Stages[0], Study.Stages[1]] };
        Assert.Equal(1, StageRules.FirstAfterConsent(onlyConsent));
    }

    [Fact]
    public void StagesAreFoundByKeyAndAnUnknownKeyIsNull()
    {
        Assert.Equal(3, StageRules.IndexOf(Study, "survey"));
        Assert.Null(StageRules.IndexOf(Study, "nope"));
    }

    [Fact]
    public void MovingOnFromATaskReachesTheSurveyWithoutCompletingTheSession() =>
        Assert.Equal(new StageStep(3, CompletesSession: false), StageRules.Next(Study, 2));

    [Fact]
    public void ReachingTheDebriefCompletesTheSession() =>
        Assert.Equal(new StageStep(4, CompletesSession: true), StageRules.Next(Study, 3));

    [Fact]
    public void ReachingTheLastStageCompletesTheSessionEvenWithoutADebrief()
    {
        var noDebrief = Study with { Stages = Study.Stages.Take(4).ToList() };
        Assert.Equal(new StageStep(3, CompletesSession: true), StageRules.Next(noDebrief, 2));
    }

    [Fact]
    public void TheLastStageStaysTheLast() =>
        Assert.Equal(new StageStep(4, CompletesSession: true), StageRules.Next(Study, 4));

    [Theory]
    [InlineData(SessionStatus.InProgress, 2, 1, StageEnding.AlreadyPassed)]
    [InlineData(SessionStatus.InProgress, 2, 2, StageEnding.Current)]
    [InlineData(SessionStatus.InProgress, 2, 3, StageEnding.NotReached)]
    [InlineData(SessionStatus.Completed, 2, 3, StageEnding.AlreadyPassed)]
    [InlineData(SessionStatus.ScreenedOut, 2, 2, StageEnding.AlreadyPassed)]
    public void EndingAStageIsANoOpOncePassedAndRefusedBeforeItIsReached(SessionStatus status, int current, int requested, StageEnding expected) =>
        Assert.Equal(expected, StageRules.Ending(status, current, requested));

    [Fact]
    public void AStageCannotEndBeforeItsMinimumTimeAndSaysHowLongIsLeft()
    {
        // 60 s minimum, 40.2 s spent: 19.8 s left, rounded up to 20 s.
        var problem = StageRules.TimingProblem(Chat, TimeSpan.FromSeconds(40.2), timedOut: false, simulated: false);
        Assert.Equal("Please spend at least 60 seconds on 'Chat' before going on (20 s left).", problem);
        Assert.Null(StageRules.TimingProblem(Chat, TimeSpan.FromSeconds(60), timedOut: false, simulated: false));
    }

    [Fact]
    public void SimulatedParticipantsSkipTheMinimumTime() =>
        Assert.Null(StageRules.TimingProblem(Chat, TimeSpan.Zero, timedOut: false, simulated: true));

    [Fact]
    public void ATimeOutIsAcceptedWithinTheGraceButNotEarlier()
    {
        // Limit 300 s, grace 2 s: 298 s is accepted (298 + 2 = 300), 297 s is 3 s early.
        Assert.Null(StageRules.TimingProblem(Chat, TimeSpan.FromSeconds(298), timedOut: true, simulated: false));
        Assert.Equal("The time for 'Chat' is not up yet (3 s left).",
            StageRules.TimingProblem(Chat, TimeSpan.FromSeconds(297), timedOut: true, simulated: false));
    }

    [Fact]
    public void AStageWithoutATimeLimitCannotTimeOut() =>
        Assert.Equal("Stage 'survey' has no time limit, so it cannot time out.",
            StageRules.TimingProblem(Study.Stages[3], TimeSpan.FromHours(1), timedOut: true, simulated: true));

    [Fact]
    public void TheClockCountsDownToTheMinimumAndTheLimitAndStopsAtZero()
    {
        Assert.True(StageRules.IsTimed(Chat));
        Assert.False(StageRules.IsTimed(Study.Stages[3]));
        Assert.Equal(TimeSpan.FromSeconds(50), StageRules.UntilNext(Chat, TimeSpan.FromSeconds(10)));
        Assert.Equal(TimeSpan.FromSeconds(290), StageRules.Remaining(Chat, TimeSpan.FromSeconds(10)));
        Assert.Equal(TimeSpan.Zero, StageRules.UntilNext(Chat, TimeSpan.FromSeconds(61)));
        Assert.Equal(TimeSpan.Zero, StageRules.Remaining(Chat, TimeSpan.FromSeconds(301)));
        Assert.Null(StageRules.UntilNext(Study.Stages[3], TimeSpan.Zero));
        Assert.Null(StageRules.Remaining(Study.Stages[3], TimeSpan.Zero));
    }

    [Fact]
    public void CounterbalancedQuestionsAreRotatedByTheParticipantsNumberInTheirCondition()
    {
        var items = new[] { "a", "b", "c" }.Select(k => new SurveyItem(k, SurveyItemKind.Likert, k)).ToList();
        var stage = new StageConfig("s", StageKind.Survey, "S", Survey: new SurveyConfig(items), ItemOrder: ItemOrder.Counterbalanced);
        // Participant 1 gets the configured order rotated by one: b, c, a.
        var shown = StageRules.Ordered(stage, conditionOrdinal: 1, Guid.NewGuid()).Survey!.Items.Select(i => i.Key);
        Assert.Equal(["b", "c", "a"], shown);
        var fixedStage = stage with { ItemOrder = ItemOrder.Fixed };
        Assert.Same(fixedStage, StageRules.Ordered(fixedStage, 1, Guid.NewGuid()));
    }
}
