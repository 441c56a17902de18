namespace InteractionLab.Domain.MoralGraph;

/// <summary>
/// Ranks values by PageRank over the kept wiser-than edges: rank flows from the less wise value (source) to the
/// wiser one, so values that many values lead to end up on top.
/// </summary>
/// <remarks>
/// <para>Each edge carries the share <c>likelihood / (sum of the likelihoods of its source's kept outgoing edges)</c> of
/// its source's rank; edges with a likelihood of 0 or less carry nothing (a non-positive weight cannot be a share).</para>
/// <para><b>Dead ends</b> — values with no wiser neighbour, including values with no edges at all — would otherwise
/// leak their rank out of the graph. As in standard PageRank their whole rank is redistributed uniformly over all
/// values each iteration (as if a participant who finds nothing wiser starts again anywhere). Together with the
/// teleport term <c>(1 − d) / n</c> this keeps the ranks a probability distribution: they always sum to 1.</para>
/// <para>Starts from the uniform distribution and iterates until the L1 change is below the tolerance or the
/// iteration cap is reached. Each iteration is O(values + edges) over flat arrays, and the order of work is fixed, so
/// the same input always gives the same ranks.</para>
/// </remarks>
public static class WiserPageRank
{
    /// <summary>Damping of the published study.</summary>
    public const double DefaultDamping = 0.85;
    /// <summary>Convergence bar on the L1 distance between successive rank vectors.</summary>
    public const double DefaultTolerance = 1e-10;
    /// <summary>Iteration cap; with damping 0.85 the error shrinks at least 0.85× per step, so ~150 steps reach 1e-10.</summary>
    public const int DefaultMaxIterations = 1000;

    /// <summary>Ranks aligned with <paramref name="valueIds"/>; every edge must name ids from that list.</summary>
    public static double[] Rank(IReadOnlyList<string> valueIds, IEnumerable<MoralGraphEdge> keptEdges, double damping = DefaultDamping)
    {
        var index = new Dictionary<string, int>(valueIds.Count, StringComparer.Ordinal);
        for (var i = 0; i < valueIds.Count; i++)
            if (!index.TryAdd(valueIds[i], i))
                throw new ArgumentException($"Value id '{valueIds[i]}' appears twice.", nameof(valueIds));
        var sources = new List<int>();
        var targets = new List<int>();
        var weights = new List<double>();
        foreach (var e in keptEdges)
        {
            if (!index.TryGetValue(e.SourceValueId, out var s) || !index.TryGetValue(e.WiserValueId, out var t))
                throw new ArgumentException($"Edge {e.SourceValueId}→{e.WiserValueId} names a value that is not in the graph.", nameof(keptEdges));
            sources.Add(s);
            targets.Add(t);
            weights.Add(e.WiserLikelihood);
        }
        return Rank(valueIds.Count, sources.ToArray(), targets.ToArray(), weights.ToArray(), damping);
    }

    /// <summary>
    /// PageRank on an edge list in flat arrays: edge <c>k</c> goes from <c>sources[k]</c> to <c>targets[k]</c> with
    /// weight <c>weights[k]</c>. Returns one rank per value (0..<paramref name="valueCount"/>−1), summing to 1.
    /// </summary>
    public static double[] Rank(
        int valueCount,
        int[] sources,
        int[] targets,
        double[] weights,
        double damping = DefaultDamping,
        double tolerance = DefaultTolerance,
        int maxIterations = DefaultMaxIterations)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(valueCount);
        if (sources.Length != targets.Length || sources.Length != weights.Length)
            throw new ArgumentException("sources, targets and weights must have the same length.");
        if (damping is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(damping), "Damping must be between 0 and 1.");
        if (valueCount == 0) return [];

        var outWeight = new double[valueCount];
        for (var k = 0; k < sources.Length; k++)
            if (weights[k] > 0) outWeight[sources[k]] += weights[k];
        var share = new double[sources.Length];
        for (var k = 0; k < sources.Length; k++)
            share[k] = weights[k] > 0 ? weights[k] / outWeight[sources[k]] : 0;

        var n = (double)valueCount;
        var rank = new double[valueCount];
        var next = new double[valueCount];
        Array.Fill(rank, 1 / n);
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            var deadEndRank = 0.0;
            for (var i = 0; i < valueCount; i++)
                if (outWeight[i] == 0) deadEndRank += rank[i];
            Array.Fill(next, (1 - damping) / n + damping * deadEndRank / n);
            for (var k = 0; k < sources.Length; k++)
                next[targets[k]] += damping * share[k] * rank[sources[k]];

            var change = 0.0;
            for (var i = 0; i < valueCount; i++) change += Math.Abs(next[i] - rank[i]);
            (rank, next) = (next, rank);
            if (change < tolerance) break;
        }

        // Rounding can drift the total by ~1e-16 per step; renormalise so consumers can rely on the sum.
        var sum = 0.0;
        foreach (var r in rank) sum += r;
        for (var i = 0; i < valueCount; i++) rank[i] /= sum;
        return rank;
    }
}
