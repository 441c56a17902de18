using InteractionLab.Domain.MoralGraph;
using static InteractionLab.Domain.Tests.MoralGraph.MoralGraphFixtures;

namespace InteractionLab.Domain.Tests.MoralGraph;

public class EdgeAggregationTests
{
    // A→B: 3 wiser, 1 not wiser, 1 unsure. B→A: 1 wiser (so A→B has 1 "less wise"), 1 not wiser.
    private static readonly WiserVote[] BothWays =
    [
        .. Votes("A", "B", VoteChoice.Wiser, 3),
        Vote("A", "B", VoteChoice.NotWiser),
        Vote("A", "B", VoteChoice.Unsure),
        Vote("B", "A", VoteChoice.Wiser),
        Vote("B", "A", VoteChoice.NotWiser),
    ];

    [Fact]
    public void CountsVotesOnAnEdgeAndWiserVotesOnTheReverseAsLessWise()
    {
        var edges = EdgeAggregation.Aggregate(BothWays);

        var ab = edges.Single(e => e.SourceValueId == "A");
        // Impressions: all 5 votes on A→B and both on B→A, whatever they answered.
        Assert.Equal(new EdgeCounts(Wiser: 3, NotWiser: 1, Unsure: 1, LessWise: 1, Impressions: 7), ab.Counts);
        var ba = edges.Single(e => e.SourceValueId == "B");
        Assert.Equal(new EdgeCounts(Wiser: 1, NotWiser: 1, Unsure: 0, LessWise: 3, Impressions: 7), ba.Counts);
    }

    [Fact]
    public void LikelihoodIsWiserMinusLessWiseOverAllFourCounts()
    {
        var edges = EdgeAggregation.Aggregate(BothWays);

        // A→B: (3 − 1) / (3 + 1 + 1 + 1) = 2/6. B→A: (1 − 3) / (1 + 1 + 0 + 3) = −2/5.
        Assert.Equal(1.0 / 3, edges.Single(e => e.SourceValueId == "A").WiserLikelihood, 1e-12);
        Assert.Equal(-0.4, edges.Single(e => e.SourceValueId == "B").WiserLikelihood, 1e-12);
    }

    [Fact]
    public void TheFourCountEntropyIsShannonInBitsOverTheFourAnswers()
    {
        var edges = EdgeAggregation.Aggregate(BothWays, EdgeEntropy.FourCounts);

        // A→B: p = (1/2, 1/6, 1/6, 1/6): H = 1/2·1 + 3·(1/6)·log2 6 = 0.5 + 0.5·log2 6 ≈ 1.79248.
        Assert.Equal(0.5 + 0.5 * Math.Log2(6), edges.Single(e => e.SourceValueId == "A").Entropy, 1e-12);
        // B→A: p = (1/5, 1/5, 0, 3/5): H = 2·0.2·log2 5 + 0.6·log2(5/3) ≈ 1.37095.
        Assert.Equal(0.4 * Math.Log2(5) + 0.6 * Math.Log2(5.0 / 3), edges.Single(e => e.SourceValueId == "B").Entropy, 1e-12);
    }

    [Fact]
    public void UnanimousVotesHaveZeroFourCountEntropyAndAnEvenFourWaySplitHasTwoBits()
    {
        Assert.Equal(0, EdgeAggregation.Entropy(new EdgeCounts(5, 0, 0, 0, 5), EdgeEntropy.FourCounts));
        Assert.Equal(2, EdgeAggregation.Entropy(new EdgeCounts(1, 1, 1, 1, 4), EdgeEntropy.FourCounts), 1e-12);
        Assert.Equal(0, EdgeAggregation.Entropy(new EdgeCounts(0, 0, 0, 0, 0), EdgeEntropy.FourCounts));
    }

    [Fact]
    public void ThePublishedEntropyOfUnanimousVotesIsOneBitBecauseImpressionsAreACountToo()
    {
        // 5 wiser with 5 impressions: p = (5/10, 5/10) → 1 bit; no votes at all → 0.
        Assert.Equal(1, EdgeAggregation.Entropy(new EdgeCounts(5, 0, 0, 0, 5)), 1e-15);
        Assert.Equal(0, EdgeAggregation.Entropy(new EdgeCounts(0, 0, 0, 0, 0)));
    }

    [Fact]
    public void CollectsDistinctContextsOfTheVotesOnThePairInBothDirections()
    {
        WiserVote[] votes =
        [
            Vote("A", "B", context: "When making decisions"),
            Vote("A", "B", context: "When in distress"),
            Vote("A", "B", context: " When in distress "),
            Vote("A", "B", context: null),
            Vote("B", "A", context: "When giving advice"),
        ];

        var ab = EdgeAggregation.Aggregate(votes).Single(e => e.SourceValueId == "A");

        // First-seen order, A→B's own votes first, then B→A's (as the published code collects them).
        Assert.Equal(new[] { "When making decisions", "When in distress", "When giving advice" }, ab.Contexts);
    }

    [Fact]
    public void APairVotedOnOnlyInOneDirectionGetsNoReverseEdge()
    {
        var edges = EdgeAggregation.Aggregate([Vote("A", "B")]);

        var edge = Assert.Single(edges);
        Assert.Equal(("A", "B"), (edge.SourceValueId, edge.WiserValueId));
    }

    [Fact]
    public void ReturnsEdgesInTheOrderTheirPairWasFirstVotedOn()
    {
        var edges = EdgeAggregation.Aggregate([Vote("C", "A"), Vote("A", "C"), Vote("A", "B"), Vote("C", "A")]);

        Assert.Equal(new[] { "C→A", "A→C", "A→B" }, edges.Select(e => $"{e.SourceValueId}→{e.WiserValueId}"));
    }
}
