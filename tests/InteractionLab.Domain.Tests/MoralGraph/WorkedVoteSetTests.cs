using InteractionLab.Domain.MoralGraph;
using static InteractionLab.Domain.Tests.MoralGraph.MoralGraphFixtures;

namespace InteractionLab.Domain.Tests.MoralGraph;

/// <summary>
/// The published definitions on a small vote set worked out by hand (MoralGraphFixtures.WorkedVotes). Counts per pair,
/// impressions = every vote on the pair in either direction:
///   1→2: wiser 3, notWiser 0, unsure 0, lessWise 1 (2→1's wiser), impressions 3 + 1 = 4
///   2→1: wiser 1, notWiser 0, unsure 0, lessWise 3,                impressions 1 + 3 = 4
///   2→3: wiser 2, notWiser 1, unsure 0, lessWise 0,                impressions 3
///   1→3: wiser 2, notWiser 1, unsure 1, lessWise 0,                impressions 4
///   4→3: wiser 2,                                                   impressions 2
///   5→4: wiser 1,                                                   impressions 1
/// Likelihood (wiser − lessWise) / (wiser + notWiser + unsure + lessWise): 1→2 2/4 = 0.5, 2→1 −2/4, 2→3 2/3, 1→3 2/4, 4→3 1, 5→4 1.
/// </summary>
public class WorkedVoteSetTests
{
    private static string Name(MoralGraphEdge e) => $"{e.SourceValueId}→{e.WiserValueId}";

    private static MoralGraphEdge Edge(IReadOnlyList<MoralGraphEdge> edges, string name) => edges.Single(e => Name(e) == name);

    [Fact]
    public void CountsImpressionsInBothDirectionsAndListsPairsInFirstVotedOrder()
    {
        var edges = EdgeAggregation.Aggregate(WorkedVotes);

        Assert.Equal(["1→2", "2→1", "2→3", "1→3", "4→3", "5→4"], edges.Select(Name));
        Assert.Equal(new EdgeCounts(3, 0, 0, 1, 4), Edge(edges, "1→2").Counts);
        Assert.Equal(new EdgeCounts(1, 0, 0, 3, 4), Edge(edges, "2→1").Counts);
        Assert.Equal(new EdgeCounts(2, 1, 0, 0, 3), Edge(edges, "2→3").Counts);
        Assert.Equal(new EdgeCounts(2, 1, 1, 0, 4), Edge(edges, "1→3").Counts);
        Assert.Equal(new EdgeCounts(2, 0, 0, 0, 2), Edge(edges, "4→3").Counts);
        Assert.Equal(new EdgeCounts(1, 0, 0, 0, 1), Edge(edges, "5→4").Counts);
        Assert.Equal([0.5, -0.5, 2.0 / 3, 0.5, 1, 1], edges.Select(e => e.WiserLikelihood));
    }

    [Fact]
    public void PublishedEntropyIsOverAllFiveCountsImpressionsIncluded()
    {
        var edges = EdgeAggregation.Aggregate(WorkedVotes);

        // 1→2: counts (3, 0, 1, 0, 4) of 8: −3/8·log2(3/8) − 1/8·log2(1/8) − 4/8·log2(4/8) = 0.530639 + 0.375 + 0.5 = 1.4056391
        // (the example: 3/0/0/1 with 4 impressions give 1.4056). 2→1 has the same five numbers in another order.
        Assert.Equal(1.4056390622295665, Edge(edges, "1→2").Entropy, 1e-15);
        Assert.Equal(1.4056390622295665, Edge(edges, "2→1").Entropy, 1e-15);
        // 2→3: (2, 1, 0, 0, 3) of 6: 1/3·log2 3 + 1/6·log2 6 + 1/2·1 = 0.528321 + 0.430827 + 0.5 = 1.4591479
        Assert.Equal(1.4591479170272448, Edge(edges, "2→3").Entropy, 1e-15);
        // 1→3: (2, 1, 0, 1, 4) of 8: p = 1/4, 1/8, 1/8, 1/2 → 0.5 + 0.375 + 0.375 + 0.5 = 1.75 bits, above the 1.69 bar.
        Assert.Equal(1.75, Edge(edges, "1→3").Entropy, 1e-15);
        // 4→3: (2, 0, 0, 0, 2) of 4: an even two-way split, 1 bit. 5→4: (1, …, 1): 1 bit.
        Assert.Equal(1, Edge(edges, "4→3").Entropy, 1e-15);
        Assert.Equal(1, Edge(edges, "5→4").Entropy, 1e-15);
    }

    [Fact]
    public void TheFourCountVariantLeavesImpressionsOut()
    {
        var edges = EdgeAggregation.Aggregate(WorkedVotes, EdgeEntropy.FourCounts);

        // 1→2: (3/4, 1/4): 3/4·log2(4/3) + 1/4·2 = 0.311278 + 0.5 = 0.8112781. 2→3: (2/3, 1/3) = 0.9182958.
        // 1→3: (1/2, 1/4, 1/4) = 1.5. 4→3 and 5→4 are unanimous: 0.
        Assert.Equal(0.8112781244591328, Edge(edges, "1→2").Entropy, 1e-15);
        Assert.Equal(0.9182958340544896, Edge(edges, "2→3").Entropy, 1e-15);
        Assert.Equal(1.5, Edge(edges, "1→3").Entropy, 1e-15);
        Assert.Equal(0, Edge(edges, "4→3").Entropy);
    }

    [Fact]
    public void ThePublishedGraphKeepsThreeEdgesListsTheirFourValuesAndRanksThemAsPublished()
    {
        var graph = MoralGraphBuilder.Build(WorkedValues, WorkedVotes);

        // Kept: 1→2, 2→3, 4→3. Dropped: 2→1 (likelihood −0.5), 1→3 (entropy 1.75 > 1.69), 5→4 (1 wiser vote < 2).
        Assert.Equal(["1→2", "2→3", "4→3"], graph.Edges.Select(Name));
        // Published PageRank over nodes 1, 2, 3, 4 (n = 4, d = 0.85, teleport 0.15/4 = 0.0375); every kept source has one
        // kept edge, so it passes all its d·rank on; 3 is a dead end whose rank is not passed on.
        //   r1 = r4 = 0.0375 (nothing points to them)
        //   r2 = 0.0375 + 0.85·r1 = 0.069375
        //   r3 = 0.0375 + 0.85·(r2 + r4) = 0.0375 + 0.85·0.106875 = 0.12834375
        // The graph is acyclic with paths of 2 edges, so these are exact from the third of the 100 iterations on.
        Assert.Equal(["3", "2", "1", "4"], graph.Values.Select(v => v.Id));
        Assert.Equal([0.12834375, 0.069375, 0.0375, 0.0375], graph.Values.Select(v => v.Rank), new ToleranceComparer(1e-15));
        // Votes behind each value: 1 has 3 + 1 + 4 = 8 (1→2, 2→1, 1→3), 2 has 3 + 1 + 3 = 7, 3 has 3 + 4 + 2 = 9, 4 has 2 + 1 = 3.
        Assert.Equal(new int?[] { 9, 7, 8, 3 }, graph.Values.Select(v => v.Votes));
        // Contexts of 1→2: its own votes' (distress, grieving) then the reverse vote's (making decisions).
        Assert.Equal([Distress, Grieving, Deciding], graph.Edges[0].Contexts);
    }

    [Fact]
    public void TheFourCountEntropyKeepsTheEdgeThePaperDidNot()
    {
        var graph = MoralGraphBuilder.Build(WorkedValues, WorkedVotes, options: new MoralGraphOptions { Entropy = EdgeEntropy.FourCounts });

        Assert.Equal(["1→2", "2→3", "1→3", "4→3"], graph.Edges.Select(Name));
    }

    [Fact]
    public void AllValuesListsTheUnconnectedOnesWithRankZeroUnderThePublishedRanking()
    {
        var graph = MoralGraphBuilder.Build(WorkedValues, WorkedVotes, options: new MoralGraphOptions { Values = ValueListing.All });

        Assert.Equal(["3", "2", "1", "4", "5", "6"], graph.Values.Select(v => v.Id));
        Assert.Equal([0, 0], graph.Values.TakeLast(2).Select(v => v.Rank));
        Assert.Equal(new int?[] { 1, 0 }, graph.Values.TakeLast(2).Select(v => v.Votes));
    }

    [Fact]
    public void OurRankingGivesTheSameOrderWithRanksThatSumToOne()
    {
        var graph = MoralGraphBuilder.Build(WorkedValues, WorkedVotes, options: new MoralGraphOptions { Ranking = GraphRanking.Wiser });

        // WiserPageRank spreads dead-end rank uniformly, which adds the same amount to every value, so its fixed point is
        // the published one scaled: (0.0375, 0.069375, 0.12834375, 0.0375) / 0.27271875 = (400, 740, 1369, 400) / 2909.
        Assert.Equal(["3", "2", "1", "4"], graph.Values.Select(v => v.Id));
        Assert.Equal([1369.0 / 2909, 740.0 / 2909, 400.0 / 2909, 400.0 / 2909], graph.Values.Select(v => v.Rank), new ToleranceComparer(1e-9));
    }

    [Fact]
    public void WithAllValuesTheTwoRankingsDifferOnlyInWhereUnconnectedValuesGo()
    {
        // A→B kept, value 0 alone. Published: A = 0.15/2, B = 0.075 + 0.85·0.075, 0 unranked (0): B, A, 0.
        // Ours: A and 0 both get only the teleport and dead-end share, an exact tie broken by id (numbers first): B, 0, A.
        CanonicalValue[] values = [Value("A"), Value("B"), Value("0")];
        WiserVote[] votes = [Vote("A", "B"), Vote("A", "B", participant: "p2")];

        var published = MoralGraphBuilder.Build(values, votes, options: new MoralGraphOptions { Values = ValueListing.All });
        var ours = MoralGraphBuilder.Build(values, votes, options: new MoralGraphOptions { Values = ValueListing.All, Ranking = GraphRanking.Wiser });

        Assert.Equal(["B", "A", "0"], published.Values.Select(v => v.Id));
        Assert.Equal(["B", "0", "A"], ours.Values.Select(v => v.Id));
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(double obj) => 0;
    }
}
