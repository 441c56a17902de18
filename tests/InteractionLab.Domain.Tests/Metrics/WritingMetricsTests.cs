using InteractionLab.Domain.Metrics;
using InteractionLab.Domain.Tests.Fixtures;
using InteractionLab.Domain.Writing;
using static InteractionLab.Domain.Tests.Writing.TraceEvents;

namespace InteractionLab.Domain.Tests.Metrics;

public class WritingMetricsTests
{
    private static IReadOnlyList<TraceEvent> Fixture(string name)
    {
        using var reader = File.OpenText(FixtureFiles.PathOf(name));
        return CoAuthorTraceReader.Read(name, reader).Events;
    }

    [Fact]
    public void CountsQueriesOpensAndSelects()
    {
        TraceEvent[] events =
        [
            Init("Seed."),
            Named(CoAuthorEventNames.SuggestionGet), Named(CoAuthorEventNames.SuggestionOpen, EventSource.Api),
            Named(CoAuthorEventNames.SuggestionClose),
            Named(CoAuthorEventNames.SuggestionGet), Named(CoAuthorEventNames.SuggestionOpen, EventSource.Api),
            Named(CoAuthorEventNames.SuggestionReopen), Select(R(5), I(" More.")),
            Named(CoAuthorEventNames.SuggestionGet), Named(CoAuthorEventNames.SuggestionFail, EventSource.Api),
        ];

        var m = WritingMetrics.FromTrace(events);

        Assert.Equal(3, m.Queries);
        Assert.Equal(2, m.Opens);
        Assert.Equal(1, m.Selects);
        Assert.Equal(0.5, m.AcceptanceRate);
    }

    [Fact]
    public void AcceptanceRateIsUndefinedWithoutOpens()
    {
        Assert.Null(WritingMetrics.FromTrace([Init("x"), Named(CoAuthorEventNames.SuggestionGet)]).AcceptanceRate);
    }

    [Fact]
    public void MeasuresTheSelectedSuggestionAgainstTheSentenceItEndedIn()
    {
        var m = WritingMetrics.FromTrace(Fixture("coauthor-session-story.jsonl"));

        var use = Assert.Single(m.Suggestions);
        Assert.Equal("day, a hunter came.", use.SelectedText);
        Assert.Equal("One day, a friend came.", use.FinalSentence);
        Assert.Equal(10, use.EditDistance); // "One " inserted (4) + hunter→friend (6 substitutions)
        Assert.Equal(1.0, m.AcceptanceRate);
        Assert.Equal(1, m.Queries);
    }

    [Fact]
    public void TheMetaphorFixtureYieldsItsHandComputedMetrics()
    {
        var m = WritingMetrics.FromTrace(Fixture("coauthor-session-metaphor.jsonl"));

        Assert.Equal(2, m.Queries);
        Assert.Equal(1, m.Opens);
        Assert.Equal(1.0, m.AcceptanceRate);
        var use = Assert.Single(m.Suggestions);
        Assert.Equal("Time is a thief that takes our days.", use.FinalSentence);
        Assert.Equal(12, use.EditDistance); // "Time is " (8) + steals→takes (4)
        Assert.Equal(12, m.MeanEditDistance);
    }

    [Fact]
    public void AnUneditedSuggestionHasDistanceZero()
    {
        var m = WritingMetrics.FromTrace(Fixture("coauthor-session-malformed.jsonl"));

        var use = Assert.Single(m.Suggestions);
        Assert.Equal("We ran home.", use.FinalSentence);
        Assert.Equal(0, use.EditDistance);
    }

    [Fact]
    public void ASuggestionDeletedEntirelyEndsInAnEmptySentence()
    {
        var m = WritingMetrics.FromTrace([Init("A."), Select(R(2), I(" Bee.")), Delete(R(2), D(5))]);

        var use = Assert.Single(m.Suggestions);
        Assert.False(use.Survived);
        Assert.Equal("", use.FinalSentence);
        Assert.Equal(4, use.EditDistance);
    }

    [Fact]
    public void AReplayErrorIsReportedWithTheMetricsOfThePartReplayed()
    {
        var m = WritingMetrics.FromTrace([Init("A."), Select(R(2), I(" Bee.")), Delete(R(40), D(1))]);

        Assert.NotNull(m.ReplayError);
        Assert.Equal("A. Bee.", m.FinalText);
        Assert.Equal("Bee.", Assert.Single(m.Suggestions).FinalSentence);
    }
}
