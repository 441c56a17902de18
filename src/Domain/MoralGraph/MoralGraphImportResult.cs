namespace InteractionLab.Domain.MoralGraph;

/// <summary>What an import produced: the values and votes that passed, and a message for every item that did not.</summary>
/// <param name="Values">Valid values, in file order.</param>
/// <param name="Votes">Valid votes, in file order.</param>
/// <param name="Problems">One entry per problem found; empty when the whole file is valid.</param>
public sealed record MoralGraphImportResult(
    IReadOnlyList<CanonicalValue> Values,
    IReadOnlyList<WiserVote> Votes,
    IReadOnlyList<ImportProblem> Problems)
{
    /// <summary>True when the file had no problems; callers should store nothing otherwise, so a study is never half-imported.</summary>
    public bool IsValid => Problems.Count == 0;
}
