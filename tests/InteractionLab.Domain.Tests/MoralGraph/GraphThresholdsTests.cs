using InteractionLab.Domain.MoralGraph;
using static InteractionLab.Domain.Tests.MoralGraph.MoralGraphFixtures;

namespace InteractionLab.Domain.Tests.MoralGraph;

public class GraphThresholdsTests
{
    private static MoralGraphEdge Edge(int wiser, int notWiser, int unsure, int lessWise)
    {
        var counts = new EdgeCounts(wiser, notWiser, unsure, lessWise);
        return new MoralGraphEdge("A", "B", [], counts, EdgeAggregation.WiserLikelihood(counts), EdgeAggregation.Entropy(counts));
    }

    [Fact]
    public void KeepsAnEdgeAtExactlyTheDefaultEntropyBarOfOneAndAHalfBits()
    {
        // 2 wiser, 1 not wiser, 1 unsure: p = (1/2, 1/4, 1/4), H = 0.5 + 0.5 + 0.5 = 1.5 bits; likelihood 2/4.
        Assert.True(GraphThresholds.Default.Keeps(Edge(2, 1, 1, 0)));
    }

    [Fact]
    public void DropsAnEvenThreeWaySplitAsTooContested()
    {
        // Likelihood 1/3 ≥ 0.33 passes, but H = log2 3 ≈ 1.585 bits > 1.5.
        Assert.False(GraphThresholds.Default.Keeps(Edge(1, 1, 1, 0)));
    }

    [Fact]
    public void DropsAnEdgeBelowTheLikelihoodBar()
    {
        // 1 wiser, 3 not wiser: likelihood 0.25 < 0.33 even though H ≈ 0.81 bits is low.
        Assert.False(GraphThresholds.Default.Keeps(Edge(1, 3, 0, 0)));
    }

    [Fact]
    public void DropsAnEdgeWithFewerWiserVotesThanRequired()
    {
        var edge = Edge(1, 0, 0, 0);
        Assert.True(GraphThresholds.Default.Keeps(edge));
        Assert.False(new GraphThresholds(MinWiserVotes: 2).Keeps(edge));
    }

    [Fact]
    public void TheGraphContainsOnlyTheEdgesThatPassEveryThreshold()
    {
        CanonicalValue[] values = [Value("A"), Value("B"), Value("C"), Value("D")];
        WiserVote[] votes =
        [
            .. Votes("A", "B", VoteChoice.Wiser, 3),  // kept: likelihood 1, entropy 0
            Vote("B", "C"), Vote("B", "C", VoteChoice.NotWiser), Vote("B", "C", VoteChoice.Unsure), // entropy log2 3
            Vote("C", "D"), .. Votes("C", "D", VoteChoice.NotWiser, 3), // likelihood 0.25
        ];

        var graph = MoralGraphBuilder.Build(values, votes);

        var edge = Assert.Single(graph.Edges);
        Assert.Equal(("A", "B"), (edge.SourceValueId, edge.WiserValueId));
    }
}
