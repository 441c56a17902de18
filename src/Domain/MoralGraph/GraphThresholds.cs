namespace InteractionLab.Domain.MoralGraph;

/// <summary>
/// Which aggregated edges make it into the moral graph: the published filter of <c>summarizeGraph</c>. An edge is kept
/// only if it has at least one "wiser" vote and passes all three bars.
/// </summary>
/// <param name="MinWiserVotes">Fewest "wiser" votes on A→B. Default 2, as published (<c>markedWiserThreshold ?? 2</c>).</param>
/// <param name="MinWiserLikelihood">Lowest wiser likelihood (inclusive). Default 0.33, as published.</param>
/// <param name="MaxEntropy">
/// Highest entropy in bits (inclusive). Default 1.69, as published, on the scale of the published five-count entropy
/// (<see cref="EdgeEntropy.Published"/>, at most log2 5 ≈ 2.32 bits); with <see cref="EdgeEntropy.FourCounts"/> the same
/// number is compared with the four-count entropy.
/// </param>
public sealed record GraphThresholds(int MinWiserVotes = 2, double MinWiserLikelihood = 0.33, double MaxEntropy = 1.69)
{
    /// <summary>The published thresholds.</summary>
    public static GraphThresholds Default { get; } = new();

    /// <summary>Whether the edge is kept in the graph; compared exactly as the published code compares.</summary>
    public bool Keeps(MoralGraphEdge edge) =>
        // Published: "if (!edge.counts.markedWiser) return false" — even with a threshold of 0, nobody said it is wiser.
        edge.Counts.Wiser > 0
        && edge.Counts.Wiser >= MinWiserVotes
        && edge.WiserLikelihood >= MinWiserLikelihood
        && edge.Entropy <= MaxEntropy;
}
