using InteractionLab.Domain;
using InteractionLab.Domain.Dialogue;
using InteractionLab.Domain.Monitoring;

namespace InteractionLab.Api.Monitoring;

/// <summary>One session as a researcher inspects it: metadata, transcript, answers and the replayable timeline.</summary>
/// <param name="Id">Session id.</param>
/// <param name="StudyId">Study id.</param>
/// <param name="StudySlug">Study slug.</param>
/// <param name="Condition">Assigned condition key.</param>
/// <param name="VersionNumber">Study version the session runs.</param>
/// <param name="ConfigHash">Hash of that version's config.</param>
/// <param name="Status">Session status.</param>
/// <param name="Stage">Current stage key.</param>
/// <param name="StartedAt">Consent time.</param>
/// <param name="LastSeenAt">Last activity.</param>
/// <param name="CompletedAt">Completion time.</param>
/// <param name="ExternalIds">Recruitment ids (in full for those who manage the study, else masked).</param>
/// <param name="Transcript">Dialogue turns in order.</param>
/// <param name="Answers">Survey answers in submission order.</param>
/// <param name="Replay">The timeline of everything recorded.</param>
/// <param name="StageTitles">The titles of the version's stages by key (to label stages as the participant saw them).</param>
public sealed record SessionDetail(
    SessionId Id,
    Guid StudyId,
    string StudySlug,
    string Condition,
    int VersionNumber,
    string ConfigHash,
    SessionStatus Status,
    string Stage,
    DateTimeOffset StartedAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset? CompletedAt,
    IReadOnlyList<RecruitmentIdView> ExternalIds,
    IReadOnlyList<TranscriptTurn> Transcript,
    IReadOnlyList<AnswerRow> Answers,
    SessionReplay Replay,
    IReadOnlyDictionary<string, string>? StageTitles = null);

/// <summary>A participant's recruitment-platform ids as the viewer may see them (<see cref="Staff.RecruitmentIdVisibility"/>).</summary>
/// <param name="Source">e.g. <c>prolific</c>.</param>
/// <param name="Participant">Participant id (PROLIFIC_PID, workerId).</param>
/// <param name="Submission">Submission id (SESSION_ID, assignmentId), if any.</param>
/// <param name="Masked">True when the ids are shown with all but their ends hidden.</param>
public sealed record RecruitmentIdView(string Source, string Participant, string? Submission, bool Masked);

/// <summary>A dialogue turn with its timings.</summary>
/// <param name="Index">Turn index.</param>
/// <param name="Role">Participant or model.</param>
/// <param name="Text">Text.</param>
/// <param name="CreatedAt">Sent (participant) or requested (model).</param>
/// <param name="FirstTokenMs">Time to first token.</param>
/// <param name="TotalMs">Generation time.</param>
/// <param name="FinishReason">Why the reply ended.</param>
/// <param name="Model">Endpoint/model.</param>
/// <param name="Stage">The stage key the turn belongs to (null in sessions recorded before stages were stamped).</param>
public sealed record TranscriptTurn(int Index, TurnRole Role, string Text, DateTimeOffset CreatedAt,
    double? FirstTokenMs, double? TotalMs, string? FinishReason, string? Model, string? Stage = null);

/// <summary>A saved survey answer.</summary>
/// <param name="Stage">Survey stage key.</param>
/// <param name="Item">Item key.</param>
/// <param name="TurnIndex">Model turn it rates, for turn marks.</param>
/// <param name="Value">The answer.</param>
/// <param name="SubmittedAt">When it was saved.</param>
public sealed record AnswerRow(string Stage, string Item, int? TurnIndex, string Value, DateTimeOffset SubmittedAt);
