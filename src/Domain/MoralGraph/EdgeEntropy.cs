namespace InteractionLab.Domain.MoralGraph;

/// <summary>Which counts an edge's entropy is taken over (see <see cref="EdgeAggregation.Entropy"/>).</summary>
public enum EdgeEntropy
{
    /// <summary>
    /// As published: Shannon entropy in bits over all five count fields, wiser, not wiser, less wise, unsure <b>and</b>
    /// impressions. The published thresholds (≤ 1.69 bits) were set on this scale.
    /// </summary>
    Published,
    /// <summary>Shannon entropy in bits over the four answers only (wiser, not wiser, unsure, less wise): 0 to 2 bits.</summary>
    FourCounts,
}
