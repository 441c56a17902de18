namespace InteractionLab.Domain.MoralGraph;

/// <summary>What an import file produced: the values, votes and stories that passed, and a message for every item that did not.</summary>
/// <param name="Values">Valid values to store, in file order (values the study already has are in <see cref="ReusedValueIds"/> instead).</param>
/// <param name="Votes">Valid votes, in file order.</param>
/// <param name="Problems">One entry per problem found; empty when the whole file is valid.</param>
public sealed record MoralGraphImportResult(
    IReadOnlyList<CanonicalValue> Values,
    IReadOnlyList<WiserVote> Votes,
    IReadOnlyList<ImportProblem> Problems)
{
    /// <summary>
    /// Which format the file was read as: <c>import</c> (cards and votes), <c>graph</c> (a graph JSON exported here),
    /// <c>published-graph</c> (the original platform's graph JSON) or <c>original-tables</c> (its database tables).
    /// </summary>
    public string Format { get; init; } = MoralGraphFormats.Import;

    /// <summary>Ids of values in the file that the study already has with the same card and question: not stored again.</summary>
    public IReadOnlyList<string> ReusedValueIds { get; init; } = [];

    /// <summary>Wiser-than stories (the original platform's edge hypotheses), for formats that carry them.</summary>
    public IReadOnlyList<ImportedStory> Stories { get; init; } = [];

    /// <summary>True when the file had no problems.</summary>
    public bool IsValid => Problems.Count == 0;

    /// <summary>A result that is one whole-file problem at <c>$</c>.</summary>
    public static MoralGraphImportResult Failed(string format, string message) =>
        new([], [], [new ImportProblem("$", message)]) { Format = format };
}
