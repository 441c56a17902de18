using InteractionLab.Domain.MoralGraph;

namespace InteractionLab.Api.MoralGraph;

/// <summary>What an import stored, what the study already had, and what it skipped.</summary>
/// <param name="Format">
/// <c>import</c> (cards and individual votes), <c>graph</c> (a graph JSON exported here), <c>published-graph</c> (the
/// original platform's graph JSON) or <c>original-tables</c> (its database tables).
/// </param>
/// <param name="ValuesStored">Values cards stored.</param>
/// <param name="VotesStored">Votes stored (for a graph JSON: one vote per count behind each edge, impressions included).</param>
/// <param name="Problems">One entry per skipped item (<c>values[i]</c>, <c>votes[i]</c>, <c>edges[i]</c>, <c>Edge[i]</c>…), with what to fix.</param>
/// <param name="ValuesAlreadyInStudy">Values in the file that the study already had, unchanged: not stored again; votes may name them.</param>
/// <param name="VotesAlreadyInStudy">Votes the study already had (same voter, pair and context): not stored again, so re-importing adds nothing.</param>
/// <param name="StoriesStored">Wiser-than stories stored as hypotheses (from the original platform's tables).</param>
public sealed record MoralGraphImportSummary(
    string Format,
    int ValuesStored,
    int VotesStored,
    IReadOnlyList<ImportProblem> Problems,
    int ValuesAlreadyInStudy = 0,
    int VotesAlreadyInStudy = 0,
    int StoriesStored = 0);
