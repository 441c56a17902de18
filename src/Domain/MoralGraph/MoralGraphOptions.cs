namespace InteractionLab.Domain.MoralGraph;

/// <summary>
/// How a graph is built from its votes. The defaults are the published Moral Graph Elicitation definitions, so a study
/// imported from the original platform gives the published graph; each other choice is named and documented in
/// <c>src/Domain/MoralGraph/README.md</c>.
/// </summary>
public sealed record MoralGraphOptions
{
    /// <summary>The published definitions.</summary>
    public static MoralGraphOptions Published { get; } = new();

    /// <summary>Which edges are kept; default the published 2 / 0.33 / 1.69.</summary>
    public GraphThresholds Thresholds { get; init; } = GraphThresholds.Default;

    /// <summary>Which counts the entropy is taken over; default the published five.</summary>
    public EdgeEntropy Entropy { get; init; } = EdgeEntropy.Published;

    /// <summary>Which PageRank ranks the values; default the published one.</summary>
    public GraphRanking Ranking { get; init; } = GraphRanking.Published;

    /// <summary>Which values are listed; default only those on a kept edge, as published.</summary>
    public ValueListing Values { get; init; } = ValueListing.Connected;

    /// <summary>PageRank damping (0.85 in the published code).</summary>
    public double Damping { get; init; } = WiserPageRank.DefaultDamping;
}
