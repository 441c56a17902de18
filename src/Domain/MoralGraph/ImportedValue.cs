namespace InteractionLab.Domain.MoralGraph;

/// <summary>A values card in a <see cref="MoralGraphImport"/> file. Fields are nullable so that a missing one is reported per item, not as a parse failure.</summary>
/// <param name="Id">The value's id on the other platform; kept as is. Required, unique.</param>
/// <param name="QuestionId">The question the value was elicited for. Required.</param>
/// <param name="Title">Card title. Required.</param>
/// <param name="Description">Card description; empty when absent.</param>
/// <param name="Policies">Attentional policies; empty when absent.</param>
public sealed record ImportedValue(
    string? Id,
    string? QuestionId,
    string? Title,
    string? Description,
    IReadOnlyList<string?>? Policies);
