namespace InteractionLab.Domain.MoralGraph;

/// <summary>
/// PageRank exactly as the published Moral Graph Elicitation code computes it (<c>calculatePageRank</c> in
/// <c>app/lib/values-tools/moral-graph.ts</c> of meaningalignment/moral-graph-elicitation; the same weighted algorithm as
/// <c>calculatePageRankWeighted</c> in <c>app/values-tools/generate-moral-graph.ts</c> of meaningalignment/mge, on which
/// the 2024 study ran). This is the default ranking, so imported published data gives the published order.
/// </summary>
/// <remarks>
/// <para><b>Nodes</b> are only the values on the kept edges, in order of first appearance (source, then wiser value, edge
/// by edge); a value on no kept edge has no rank (<see cref="Rank"/> leaves it out; the graph lists it with rank 0).</para>
/// <para>Starts uniform (1/n) and runs a <b>fixed 100 iterations</b> (no convergence test). Each iteration starts every
/// node at <c>(1 − d) / n</c> and then, edge by edge in the given order, adds <c>d · rank[source] · likelihood /
/// (sum of the likelihoods of the source's kept outgoing edges)</c> to the wiser value, skipping sources whose total is
/// not positive. The arithmetic is done in the same order and grouping, so the doubles match the published ones.</para>
/// <para><b>Dead ends</b> (values with no kept outgoing edge) keep nothing back: their rank is not redistributed, so the
/// ranks sum to less than 1. Unlike <see cref="WiserPageRank"/>, which spreads that rank uniformly: because the spread is
/// the same for every value, its converged ranks are the published fixed point times one positive number, so on the
/// values of a graph the two give the same order except where ranks differ by less than the published 100-iteration
/// error (0.85^100 ≈ 9·10⁻⁸ of a rank, only reached on cycles) — see the README for the worked comparison.</para>
/// </remarks>
public static class PublishedPageRank
{
    /// <summary>Iterations of the published code.</summary>
    public const int Iterations = 100;

    /// <summary>Rank of every value on <paramref name="keptEdges"/>, in the published code's node order.</summary>
    public static IReadOnlyDictionary<string, double> Rank(IReadOnlyList<MoralGraphEdge> keptEdges, double damping = WiserPageRank.DefaultDamping)
    {
        if (damping is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(damping), "Damping must be between 0 and 1.");
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var nodes = new List<string>();
        var sources = new int[keptEdges.Count];
        var targets = new int[keptEdges.Count];
        for (var k = 0; k < keptEdges.Count; k++)
        {
            sources[k] = Node(keptEdges[k].SourceValueId);
            targets[k] = Node(keptEdges[k].WiserValueId);
        }
        var n = nodes.Count;
        if (n == 0) return new Dictionary<string, double>();

        // The published code sums each source's outgoing likelihoods from 0 in edge order (Array.reduce).
        var totalWeight = new double[n];
        for (var k = 0; k < keptEdges.Count; k++) totalWeight[sources[k]] += keptEdges[k].WiserLikelihood;

        var rank = new double[n];
        var next = new double[n];
        Array.Fill(rank, 1.0 / n);
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            Array.Fill(next, (1 - damping) / n);
            for (var k = 0; k < keptEdges.Count; k++)
            {
                var s = sources[k];
                if (totalWeight[s] > 0)
                    next[targets[k]] += damping * rank[s] * keptEdges[k].WiserLikelihood / totalWeight[s];
            }
            (rank, next) = (next, rank);
        }

        var ranks = new Dictionary<string, double>(n, StringComparer.Ordinal);
        for (var i = 0; i < n; i++) ranks[nodes[i]] = rank[i];
        return ranks;

        int Node(string id)
        {
            if (index.TryGetValue(id, out var i)) return i;
            nodes.Add(id);
            return index[id] = nodes.Count - 1;
        }
    }
}
