using System.Text.Json.Serialization;

namespace InteractionLab.Domain.MoralGraph;

/// <summary>The votes behind one directed edge A→B, counted as the published Moral Graph Elicitation code counts them.</summary>
/// <param name="Wiser">Votes on A→B answering "wiser" (published: <c>markedWiser</c>).</param>
/// <param name="NotWiser">Votes on A→B answering "not wiser" (<c>markedNotWiser</c>).</param>
/// <param name="Unsure">Votes on A→B answering "not sure" (<c>markedUnsure</c>).</param>
/// <param name="LessWise">Votes on the reverse story B→A answering "wiser", i.e. evidence that A is wiser than B (<c>markedLessWise</c>).</param>
/// <param name="Impressions">
/// Every vote on the pair in either direction, whatever its answer (<c>impressions</c>): the votes on A→B plus all votes on
/// B→A. It is at least <see cref="Total"/>; the difference is the "not wiser" and "not sure" votes on B→A.
/// </param>
public sealed record EdgeCounts(int Wiser, int NotWiser, int Unsure, int LessWise, int Impressions)
{
    /// <summary>The four answer counts together: the denominator of the likelihood (impressions are not in it).</summary>
    [JsonIgnore]
    public int Total => Wiser + NotWiser + Unsure + LessWise;
}
