namespace InteractionLab.Api.Data;

/// <summary>
/// The ids a recruitment platform passed in the link (Prolific: PROLIFIC_PID, STUDY_ID, SESSION_ID; MTurk:
/// workerId, hitId, assignmentId in the same three columns), kept
/// apart from the participant so they can be removed on withdrawal. Unique per study, source and worker id:
/// the same worker cannot start a second session.
/// </summary>
public sealed class ParticipantExternalId
{
    /// <summary>Primary key.</summary>
    public long Id { get; set; }
    /// <summary>The study.</summary>
    public Guid StudyId { get; set; }
    /// <summary>The participant.</summary>
    public Guid ParticipantId { get; set; }
    /// <summary>Recruitment platform: "prolific" or "mturk".</summary>
    public required string Source { get; set; }
    /// <summary>The worker id (PROLIFIC_PID, MTurk workerId).</summary>
    public required string ExternalParticipantId { get; set; }
    /// <summary>The platform's study id (STUDY_ID, MTurk hitId).</summary>
    public string? ExternalStudyId { get; set; }
    /// <summary>The platform's session id (SESSION_ID, MTurk assignmentId).</summary>
    public string? ExternalSessionId { get; set; }
}
