namespace InteractionLab.Domain.MoralGraph;

/// <summary>An aggregated wiser-than edge: participants' verdict that <see cref="WiserValueId"/> is wiser than <see cref="SourceValueId"/>.</summary>
/// <param name="SourceValueId">The less wise value (A); PageRank flows from here.</param>
/// <param name="WiserValueId">The wiser value (B).</param>
/// <param name="Contexts">Distinct contexts of the votes on A→B, sorted ordinally.</param>
/// <param name="Counts">The votes behind the edge.</param>
/// <param name="WiserLikelihood">(wiser − lessWise) / (wiser + notWiser + unsure + lessWise); 0 when there are no votes.</param>
/// <param name="Entropy">Shannon entropy in bits of the distribution over {wiser, notWiser, unsure, lessWise}; 0 (all agree) to 2 (evenly split).</param>
public sealed record MoralGraphEdge(
    string SourceValueId,
    string WiserValueId,
    IReadOnlyList<string> Contexts,
    EdgeCounts Counts,
    double WiserLikelihood,
    double Entropy);
