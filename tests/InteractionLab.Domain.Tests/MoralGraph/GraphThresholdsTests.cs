using InteractionLab.Domain.MoralGraph;
using static InteractionLab.Domain.Tests.MoralGraph.MoralGraphFixtures;

namespace InteractionLab.Domain.Tests.MoralGraph;

public class GraphThresholdsTests
{
    // Impressions default to the votes on A→B plus the less-wise ones (no "not wiser"/"not sure" votes on B→A).
    private static MoralGraphEdge Edge(int wiser, int notWiser, int unsure, int lessWise, int? impressions = null)
    {
        var counts = new EdgeCounts(wiser, notWiser, unsure, lessWise, impressions ?? wiser + notWiser + unsure + lessWise);
        return new MoralGraphEdge("A", "B", [], counts, EdgeAggregation.WiserLikelihood(counts), EdgeAggregation.Entropy(counts));
    }

    [Fact]
    public void TheDefaultsAreThePublishedTwoVotesLikelihoodOneThirdAndEntropyOnePointSixNine()
    {
        Assert.Equal(new GraphThresholds(2, 0.33, 1.69), GraphThresholds.Default);
        Assert.Equal(GraphThresholds.Default, MoralGraphOptions.Published.Thresholds);
    }

    [Fact]
    public void KeepsTheIssuesExampleAndDropsTheSameVotesWithMoreScatter()
    {
        // 3 wiser, 1 less wise, 4 impressions: 1.4056 bits ≤ 1.69, likelihood 0.5: kept.
        Assert.True(GraphThresholds.Default.Keeps(Edge(3, 0, 0, 1)));
        // 2 wiser, 1 not wiser, 1 unsure, 4 impressions: (2, 1, 0, 1, 4) of 8 → 1.75 bits > 1.69: dropped.
        Assert.False(GraphThresholds.Default.Keeps(Edge(2, 1, 1, 0)));
    }

    [Fact]
    public void DropsAnEdgeBelowTheLikelihoodBar()
    {
        // 2 wiser, 4 not wiser: likelihood 1/3 = 0.3333 ≥ 0.33 is kept; 2 wiser, 5 not wiser: 0.2857 < 0.33 is dropped.
        Assert.True(new GraphThresholds(MaxEntropy: 10).Keeps(Edge(2, 4, 0, 0)));
        Assert.False(new GraphThresholds(MaxEntropy: 10).Keeps(Edge(2, 5, 0, 0)));
    }

    [Fact]
    public void DropsAnEdgeWithFewerWiserVotesThanRequiredAndNeverKeepsOneWithoutAWiserVote()
    {
        var edge = Edge(1, 0, 0, 0);
        Assert.False(GraphThresholds.Default.Keeps(edge));
        Assert.True(new GraphThresholds(MinWiserVotes: 1).Keeps(edge));
        // As published ("if (!edge.counts.markedWiser) return false"): a threshold of 0 still needs one wiser vote.
        Assert.False(new GraphThresholds(0, -1, 10).Keeps(Edge(0, 2, 0, 0)));
    }

    [Fact]
    public void TheGraphContainsOnlyTheEdgesThatPassEveryThreshold()
    {
        CanonicalValue[] values = [Value("A"), Value("B"), Value("C"), Value("D")];
        WiserVote[] votes =
        [
            .. Votes("A", "B", VoteChoice.Wiser, 3),  // kept: likelihood 1, entropy 1 (3 wiser, 3 impressions)
            .. Votes("B", "C", VoteChoice.Wiser, 2), Vote("B", "C", VoteChoice.NotWiser), Vote("B", "C", VoteChoice.Unsure), // 1.75 bits
            .. Votes("C", "D", VoteChoice.Wiser, 2), .. Votes("C", "D", VoteChoice.NotWiser, 5), // likelihood 2/7
            Vote("D", "A"), // one wiser vote
        ];

        var graph = MoralGraphBuilder.Build(values, votes);

        var edge = Assert.Single(graph.Edges);
        Assert.Equal(("A", "B"), (edge.SourceValueId, edge.WiserValueId));
    }
}
