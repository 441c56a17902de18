namespace InteractionLab.Domain.MoralGraph;

/// <summary>A value as it appears in an exported moral graph.</summary>
/// <param name="Id">The value's id.</param>
/// <param name="Title">Card title.</param>
/// <param name="Description">Card description.</param>
/// <param name="Policies">Card attentional policies.</param>
/// <param name="Rank">
/// PageRank over the kept edges. With the published ranking the ranks sum to less than 1 (dead ends keep nothing back)
/// and a value on no kept edge has rank 0; with <see cref="GraphRanking.Wiser"/> they sum to 1.
/// </param>
/// <param name="Votes">
/// How many of the graph's (filtered) votes judged a story that starts or ends at this value — how much evidence
/// its rank rests on. Null in graphs imported from elsewhere that do not report it.
/// </param>
public sealed record MoralGraphValue(
    string Id,
    string Title,
    string Description,
    IReadOnlyList<string> Policies,
    double Rank,
    int? Votes = null);
