namespace InteractionLab.Domain.MoralGraph;

/// <summary>A wiser-than vote in a <see cref="MoralGraphImport"/> file. Text-typed fields so each bad vote gets its own message.</summary>
/// <param name="ParticipantKey">Pseudonymous voter key. Required.</param>
/// <param name="FromValueId">Id of the value the story starts from. Required; must be an imported value.</param>
/// <param name="ToValueId">Id of the value the story moves to. Required; must be another imported value of the same question.</param>
/// <param name="Choice">"wiser", "notWiser" or "unsure" (case, spaces, "-" and "_" ignored; "yes", "no", "not sure" also accepted).</param>
/// <param name="Context">Context of the story, optional.</param>
/// <param name="Reason">The voter's "why", optional.</param>
/// <param name="CastAt">ISO 8601 instant with an offset, e.g. "2024-05-01T12:00:00Z". Required.</param>
/// <param name="Batch">Participant batch, optional.</param>
public sealed record ImportedVote(
    string? ParticipantKey,
    string? FromValueId,
    string? ToValueId,
    string? Choice,
    string? Context,
    string? Reason,
    string? CastAt,
    string? Batch);
