using InteractionLab.Domain;
using InteractionLab.Domain.Annotation;

namespace InteractionLab.Api.Annotation.Intake;

/// <summary>An item about to be created: its source keys and its content before redaction.</summary>
/// <param name="SourceKey">Unique within the project (makes intake idempotent).</param>
/// <param name="Content">What annotators will see (redacted on creation).</param>
/// <param name="SessionId">The source session, if any.</param>
/// <param name="StageKey">The source stage, if any.</param>
/// <param name="TurnIndex">The rated turn, if any.</param>
/// <param name="ArtifactKey">The rated artifact, if any.</param>
/// <param name="ConfigHash">The source session's config hash, if any.</param>
public sealed record ItemDraft(
    string SourceKey, ItemContent Content, SessionId? SessionId = null, string? StageKey = null,
    int? TurnIndex = null, string? ArtifactKey = null, string? ConfigHash = null);
