using InteractionLab.Domain.MoralGraph;

namespace InteractionLab.Domain.Tests.MoralGraph;

public class PublishedPageRankTests
{
    private static MoralGraphEdge Edge(string from, string to, double likelihood = 1) =>
        new(from, to, [], new EdgeCounts(2, 0, 0, 0, 2), likelihood, 1);

    [Fact]
    public void InATwoValueChainTheDeadEndKeepsItsRankAndTheSumStaysBelowOne()
    {
        // A→B, n = 2: rA = 0.15/2 = 0.075 every iteration; rB = 0.075 + 0.85·rA = 0.13875. B passes nothing on,
        // so the ranks sum to 0.21375, not 1 (WiserPageRank gives 20/57 and 37/57 for the same graph: the same ratio).
        var ranks = PublishedPageRank.Rank([Edge("A", "B")]);

        Assert.Equal(0.075, ranks["A"], 1e-15);
        Assert.Equal(0.13875, ranks["B"], 1e-15);
        Assert.Equal(37.0 / 20, ranks["B"] / ranks["A"], 1e-12);
    }

    [Fact]
    public void OnlyValuesOnTheEdgesAreRanked()
    {
        Assert.Equal(["A", "B"], PublishedPageRank.Rank([Edge("A", "B")]).Keys.Order());
        Assert.Empty(PublishedPageRank.Rank([]));
    }

    [Fact]
    public void EachEdgeCarriesItsLikelihoodShareOfItsSourcesRank()
    {
        // A→B (1), A→C (0.5), B→C (1): A's total weight 1.5, shares 2/3 and 1/3. n = 3, teleport 0.05.
        //   rA = 0.05
        //   rB = 0.05 + 0.85·(2/3)·0.05 = 0.0783333…
        //   rC = 0.05 + 0.85·((1/3)·0.05 + rB) = 0.05 + 0.85·0.0949999… = 0.13075
        var ranks = PublishedPageRank.Rank([Edge("A", "B", 1), Edge("A", "C", 0.5), Edge("B", "C", 1)]);

        Assert.Equal(0.05, ranks["A"], 1e-15);
        Assert.Equal(0.05 + 0.85 * 2 / 3 * 0.05, ranks["B"], 1e-15);
        Assert.Equal(0.13075, ranks["C"], 1e-15);
    }

    [Fact]
    public void OnACycleItStopsAfterAHundredIterationsInsteadOfConverging()
    {
        // S→A, A→B, B→A: from the uniform start (1/3 each) the 2-cycle's ranks keep swapping a shrinking difference.
        // Exact fixed point: rS = 0.05, rA = 0.05 + 0.85·(rS + rB), rB = 0.05 + 0.85·rA
        //   ⇒ rA = (0.05 + 0.0425 + 0.0425) / (1 − 0.7225) = 0.135 / 0.2775 = 0.486486…, rB = 0.05 + 0.85·rA = 0.463513…
        // After 100 steps the published value is still off by about 0.85^100 · (initial error) ≈ 1e-8, not by 1e-15.
        var ranks = PublishedPageRank.Rank([Edge("S", "A"), Edge("A", "B"), Edge("B", "A")]);

        var exactA = 0.135 / 0.2775;
        Assert.Equal(exactA, ranks["A"], 1e-6);
        Assert.NotEqual(exactA, ranks["A"], 1e-12);
        Assert.Equal(0.05 + 0.85 * ranks["A"], ranks["B"], 1e-6);
    }

    [Fact]
    public void OnConnectedValuesItGivesTheSameOrderAsWiserPageRankExceptWithinTheHundredIterationError()
    {
        // WiserPageRank spreads dead-end rank uniformly: that adds the same amount to every value, so at convergence its
        // ranks are the published fixed point times one number. The published run stops after 100 iterations, which on
        // cycles leaves an error of about 0.85^100 ≈ 9e-8 of a rank; pairs closer than that may swap, no others.
        var rng = new Random(12);
        var disagreements = 0;
        for (var graph = 0; graph < 200; graph++)
        {
            var n = rng.Next(3, 30);
            var edges = new List<MoralGraphEdge>();
            var pairs = new HashSet<(int, int)>();
            for (var k = 0; k < n * 2; k++)
            {
                var (a, b) = (rng.Next(n), rng.Next(n));
                if (a == b || pairs.Contains((b, a)) || !pairs.Add((a, b))) continue;
                edges.Add(Edge($"v{a}", $"v{b}", 0.33 + 0.67 * rng.NextDouble()));
            }
            var published = PublishedPageRank.Rank(edges);
            var ids = published.Keys.ToList();
            var ours = WiserPageRank.Rank(ids, edges);
            for (var i = 0; i < ids.Count; i++)
                for (var j = i + 1; j < ids.Count; j++)
                {
                    var p = published[ids[i]] - published[ids[j]];
                    if (Math.Abs(p) > 1e-6 * published[ids[i]] && Math.Sign(p) != Math.Sign(ours[i] - ours[j])) disagreements++;
                }
        }
        Assert.Equal(0, disagreements);
    }
}
