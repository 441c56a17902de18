namespace InteractionLab.Domain.MoralGraph;

/// <summary>
/// Which aggregated edges make it into the moral graph. An edge is kept only if it passes all three.
/// </summary>
/// <param name="MinWiserVotes">
/// Fewest "wiser" votes on A→B. Default 1: the likelihood and entropy bars already demand agreement, and a pilot
/// with tens of participants would otherwise lose most edges; raise it (e.g. to 2–3) for large runs.
/// </param>
/// <param name="MinWiserLikelihood">Lowest wiser likelihood (inclusive). Default 0.33, as in the published study.</param>
/// <param name="MaxEntropy">
/// Highest vote entropy in bits (inclusive). Default 1.5 bits: the entropy of a half / quarter / quarter split, so an
/// edge where a clear half says "wiser" and the rest split two ways is kept, while an even three-way split
/// (log2 3 ≈ 1.585 bits) or anything more scattered is dropped as contested.
/// </param>
public sealed record GraphThresholds(int MinWiserVotes = 1, double MinWiserLikelihood = 0.33, double MaxEntropy = 1.5)
{
    /// <summary>The defaults described on the parameters.</summary>
    public static GraphThresholds Default { get; } = new();

    /// <summary>Whether the edge is kept in the graph.</summary>
    public bool Keeps(MoralGraphEdge edge) =>
        edge.Counts.Wiser >= MinWiserVotes
        && edge.WiserLikelihood >= MinWiserLikelihood
        // A tiny tolerance so an exact 1.5-bit split is not lost to floating-point rounding in Log2.
        && edge.Entropy <= MaxEntropy + 1e-12;
}
