using System.Text.Json.Serialization;

namespace InteractionLab.Domain.MoralGraph;

/// <summary>The votes behind one directed edge A→B.</summary>
/// <param name="Wiser">Votes on A→B answering "wiser".</param>
/// <param name="NotWiser">Votes on A→B answering "not wiser".</param>
/// <param name="Unsure">Votes on A→B answering "not sure".</param>
/// <param name="LessWise">Votes on the reverse story B→A answering "wiser", i.e. evidence that A is wiser than B.</param>
public sealed record EdgeCounts(int Wiser, int NotWiser, int Unsure, int LessWise)
{
    /// <summary>All four counts together: the denominator of the likelihood and of the entropy.</summary>
    [JsonIgnore]
    public int Total => Wiser + NotWiser + Unsure + LessWise;
}
