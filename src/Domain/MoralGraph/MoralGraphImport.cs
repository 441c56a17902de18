namespace InteractionLab.Domain.MoralGraph;

/// <summary>
/// Cards and individual votes from another platform's study, so its graph can be rebuilt (and re-filtered) here.
/// The format is described in <c>src/Domain/MoralGraph/README.md</c>; read and check it with <see cref="MoralGraphImporter"/>.
/// </summary>
/// <param name="Values">The canonical values cards. Required.</param>
/// <param name="Votes">The votes; may be absent when only cards are imported.</param>
public sealed record MoralGraphImport(IReadOnlyList<ImportedValue?>? Values, IReadOnlyList<ImportedVote?>? Votes);
