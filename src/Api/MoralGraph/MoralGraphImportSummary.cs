using InteractionLab.Domain.MoralGraph;

namespace InteractionLab.Api.MoralGraph;

/// <summary>What an import stored and what it skipped.</summary>
/// <param name="Format"><c>import</c> (cards and individual votes) or <c>graph</c> (an exported graph JSON).</param>
/// <param name="ValuesStored">Values cards stored.</param>
/// <param name="VotesStored">Votes stored (for a graph JSON: one vote per count behind each edge).</param>
/// <param name="Problems">One entry per skipped item (<c>values[i]</c>, <c>votes[i]</c>, <c>edges[i]</c>), with what to fix.</param>
public sealed record MoralGraphImportSummary(string Format, int ValuesStored, int VotesStored, IReadOnlyList<ImportProblem> Problems);
