using InteractionLab.Domain.MoralGraph;

namespace InteractionLab.Domain.Tests.MoralGraph;

public class WiserPageRankTests
{
    private static MoralGraphEdge Edge(string from, string to, double likelihood = 1) =>
        new(from, to, [], new EdgeCounts(1, 0, 0, 0, 1), likelihood, 0);

    [Fact]
    public void InATwoValueChainTheWiserValueRanksHigher()
    {
        // A→B; B is a dead end, so its rank is spread over A and B. With d = 0.85, n = 2:
        // rA = 0.075 + 0.85·rB/2 and rA + rB = 1  ⇒  rA = 0.5 / 1.425 = 20/57, rB = 37/57.
        var ranks = WiserPageRank.Rank(["A", "B"], [Edge("A", "B")]);

        Assert.Equal(20.0 / 57, ranks[0], 1e-9);
        Assert.Equal(37.0 / 57, ranks[1], 1e-9);
    }

    [Fact]
    public void AThreeCycleGivesEveryValueTheSameRank()
    {
        var ranks = WiserPageRank.Rank(["A", "B", "C"], [Edge("A", "B"), Edge("B", "C"), Edge("C", "A")]);

        Assert.All(ranks, r => Assert.Equal(1.0 / 3, r, 1e-9));
    }

    [Fact]
    public void ADeadEndSpreadsItsRankUniformlySoRanksStillSumToOne()
    {
        // A→B, C has no edges; B and C are dead ends. By symmetry rA = rC = x, rB = 1 − 2x and
        // x = 0.05 + 0.85·(rB + rC)/3 = 0.05 + 0.85·(1 − x)/3  ⇒  x = (1/3) / (1 + 0.85/3) = 20/77, rB = 37/77.
        var ranks = WiserPageRank.Rank(["A", "B", "C"], [Edge("A", "B")]);

        Assert.Equal(20.0 / 77, ranks[0], 1e-9);
        Assert.Equal(37.0 / 77, ranks[1], 1e-9);
        Assert.Equal(20.0 / 77, ranks[2], 1e-9);
        Assert.Equal(1, ranks.Sum(), 1e-12);
    }

    [Fact]
    public void ValuesInTheSamePositionTieExactly()
    {
        // A→C and B→C: rA = rB = x = 0.05 + 0.85·rC/3 with rC = 1 − 2x  ⇒  x = (1/3) / (1 + 1.7/3) = 10/47, rC = 27/47.
        var ranks = WiserPageRank.Rank(["A", "B", "C"], [Edge("A", "C"), Edge("B", "C")]);

        Assert.Equal(ranks[0], ranks[1]);
        Assert.Equal(10.0 / 47, ranks[0], 1e-9);
        Assert.Equal(27.0 / 47, ranks[2], 1e-9);
    }

    [Fact]
    public void EachEdgeCarriesItsLikelihoodShareOfItsSourcesRank()
    {
        // A→B (likelihood 1), A→C (0.5), B→C (1); C is a dead end. Shares: A→B 2/3, A→C 1/3, B→C 1. d = 0.85, n = 3:
        //   rA = 0.05 + 0.85·rC/3
        //   rB = 0.05 + 0.85·(2/3·rA + rC/3)              = 0.0783333… + 0.4438888…·rC
        //   rC = 1 − rA − rB  ⇒  rC·(1 + 0.2833333… + 0.4438888…) = 1 − 0.05 − 0.0783333…
        //   ⇒ rC = 0.8716666… / 1.7272222… = 1569/3109, rA = 600/3109, rB = 940/3109
        // (check: 0.05 + 0.85·(rA/3 + rB + rC/3) = 1569/3109 = rC).
        var ranks = WiserPageRank.Rank(["A", "B", "C"], [Edge("A", "B", 1), Edge("A", "C", 0.5), Edge("B", "C", 1)]);

        Assert.Equal(600.0 / 3109, ranks[0], 1e-9);
        Assert.Equal(940.0 / 3109, ranks[1], 1e-9);
        Assert.Equal(1569.0 / 3109, ranks[2], 1e-9);
    }

    [Fact]
    public void ValuesWithoutEdgesShareTheRankEqually()
    {
        var ranks = WiserPageRank.Rank(["A", "B", "C", "D"], []);

        Assert.All(ranks, r => Assert.Equal(0.25, r, 1e-12));
    }

    [Fact]
    public void AnEdgeWithNonPositiveLikelihoodCarriesNoRank()
    {
        var withZero = WiserPageRank.Rank(["A", "B"], [Edge("A", "B", 0)]);

        Assert.Equal(0.5, withZero[0], 1e-12);
        Assert.Equal(0.5, withZero[1], 1e-12);
    }

    [Fact]
    public void TheSameGraphAlwaysGetsTheSameRanksSummingToOne()
    {
        var rng = new Random(3);
        const int n = 200;
        var sources = new int[1000];
        var targets = new int[1000];
        var weights = new double[1000];
        for (var k = 0; k < sources.Length; k++)
        {
            sources[k] = rng.Next(n);
            targets[k] = (sources[k] + 1 + rng.Next(n - 1)) % n;
            weights[k] = 0.33 + 0.67 * rng.NextDouble();
        }

        var first = WiserPageRank.Rank(n, sources, targets, weights);
        var second = WiserPageRank.Rank(n, sources, targets, weights);

        Assert.Equal(first, second);
        Assert.Equal(1, first.Sum(), 1e-12);
        Assert.All(first, r => Assert.True(r > 0));
    }

    [Fact]
    public void RefusesAnEdgeToAValueOutsideTheGraph()
    {
        Assert.Throws<ArgumentException>(() => WiserPageRank.Rank(["A"], [Edge("A", "Z")]));
    }
}
