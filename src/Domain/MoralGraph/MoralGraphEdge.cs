namespace InteractionLab.Domain.MoralGraph;

/// <summary>An aggregated wiser-than edge: participants' verdict that <see cref="WiserValueId"/> is wiser than <see cref="SourceValueId"/>.</summary>
/// <param name="SourceValueId">The less wise value (A); PageRank flows from here.</param>
/// <param name="WiserValueId">The wiser value (B).</param>
/// <param name="Contexts">Distinct contexts of the votes on the pair: A→B's first, then B→A's, each in first-seen order (as published).</param>
/// <param name="Counts">The votes behind the edge.</param>
/// <param name="WiserLikelihood">(wiser − lessWise) / (wiser + notWiser + unsure + lessWise); 0 when there are no votes.</param>
/// <param name="Entropy">Shannon entropy in bits of the counts; by default over all five fields, impressions included (see <see cref="EdgeEntropy"/>).</param>
public sealed record MoralGraphEdge(
    string SourceValueId,
    string WiserValueId,
    IReadOnlyList<string> Contexts,
    EdgeCounts Counts,
    double WiserLikelihood,
    double Entropy);
