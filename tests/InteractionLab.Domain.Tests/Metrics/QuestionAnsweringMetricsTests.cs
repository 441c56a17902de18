using InteractionLab.Domain.Metrics;

namespace InteractionLab.Domain.Tests.Metrics;

public class QuestionAnsweringMetricsTests
{
    private static readonly QaQuestion[] Questions =
    [
        new("q1", "B", Assisted: true),
        new("q2", "A", Assisted: true),
        new("q3", "C", Assisted: false),
        new("q4", "D", Assisted: false),
        new("check", "A", Assisted: false, IsAttentionCheck: true),
    ];

    private static QaEvent Shown(long s, string q) => new(s * 1000, QaEventKind.Shown, q);
    private static QaEvent Query(long s, string q) => new(s * 1000, QaEventKind.Query, q);
    private static QaEvent Answer(long s, string q, string c) => new(s * 1000, QaEventKind.Answer, q, c);
    private static QaEvent Next(long s, string q) => new(s * 1000, QaEventKind.Next, q);

    // q1: 2 queries, changes answer to the right one, 30 s.   q2: 1 query, wrong, 20 s.
    // q3: right, 10 s.  q4: wrong, no Next logged, ends when "check" is shown at 100 s (40 s).
    // check: answered right, 5 s (not counted in accuracy or time).
    private static readonly QaEvent[] Events =
    [
        Shown(0, "q1"), Query(5, "q1"), Query(10, "q1"), Answer(20, "q1", "A"), Answer(25, "q1", "B"), Next(30, "q1"),
        Shown(30, "q2"), Query(35, "q2"), Answer(45, "q2", "C"), Next(50, "q2"),
        Shown(50, "q3"), Answer(55, "q3", "C"), Next(60, "q3"),
        Shown(60, "q4"), Answer(70, "q4", "B"),
        Shown(100, "check"), Answer(103, "check", "A"), Next(105, "check"),
    ];

    [Fact]
    public void SeparatesAccuracyWithAndWithoutTheLm()
    {
        var metrics = QuestionAnsweringMetrics.Compute(Questions, Events);

        Assert.Equal(0.5, metrics.AccuracyWithLm);
        Assert.Equal(0.5, metrics.AccuracyWithoutLm);
    }

    [Fact]
    public void CountsTheLastAnswerClicked()
    {
        var q1 = QuestionAnsweringMetrics.Compute(Questions, Events).Questions[0];

        Assert.Equal("B", q1.Choice);
        Assert.True(q1.Correct);
    }

    [Fact]
    public void TimesEachQuestionFromShownToNextOrToTheNextQuestion()
    {
        var metrics = QuestionAnsweringMetrics.Compute(Questions, Events);

        Assert.Equal(new double?[] { 30, 20, 10, 40, 5 }, metrics.Questions.Select(q => q.Seconds));
        Assert.Equal(25, metrics.MeanSecondsPerQuestion);
    }

    [Fact]
    public void AveragesQueriesOverAssistedQuestions()
    {
        var metrics = QuestionAnsweringMetrics.Compute(Questions, Events);

        Assert.Equal(new[] { 2, 1, 0, 0, 0 }, metrics.Questions.Select(q => q.Queries));
        Assert.Equal(1.5, metrics.MeanQueriesPerAssistedQuestion);
    }

    [Fact]
    public void ReportsTheAttentionCheckApartFromAccuracy()
    {
        Assert.True(QuestionAnsweringMetrics.Compute(Questions, Events).AttentionCheckPassed);
    }

    [Fact]
    public void LeavesUnansweredAndUnshownQuestionsOutOfAccuracy()
    {
        QaEvent[] events = [Shown(0, "q1"), Answer(3, "q1", "B"), Next(4, "q1"), Shown(4, "q3")];

        var metrics = QuestionAnsweringMetrics.Compute(Questions, events);

        Assert.Equal(1.0, metrics.AccuracyWithLm);
        Assert.Null(metrics.AccuracyWithoutLm);
        Assert.Null(metrics.AttentionCheckPassed);
        Assert.Equal(2, metrics.Questions.Count);
        Assert.Null(metrics.Questions[1].Seconds);
    }
}
