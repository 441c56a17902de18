using InteractionLab.Domain;

namespace InteractionLab.Api.Data;

/// <summary>One participant's run through one frozen study version.</summary>
public sealed class Session
{
    /// <summary>Primary key; also what the participant cookie carries (protected).</summary>
    public SessionId Id { get; set; } = SessionId.New();
    /// <summary>The study (denormalised for exports and assignment counts).</summary>
    public Guid StudyId { get; set; }
    /// <summary>The frozen version the session runs.</summary>
    public Guid StudyVersionId { get; set; }
    /// <summary>The pseudonymous participant.</summary>
    public Guid ParticipantId { get; set; }
    /// <summary>Hash of the frozen config, stamped so every record can be traced to it.</summary>
    public required string ConfigHash { get; set; }
    /// <summary>Assigned condition.</summary>
    public required string ConditionKey { get; set; }
    /// <summary>Which of the task's scenarios the participant was given.</summary>
    public int ScenarioIndex { get; set; }
    /// <summary>Index of the stage the participant is on.</summary>
    public int StageIndex { get; set; }
    /// <summary>In progress, completed, abandoned, withdrawn.</summary>
    public SessionStatus Status { get; set; } = SessionStatus.InProgress;
    /// <summary>Consent time.</summary>
    public DateTimeOffset StartedAt { get; set; }
    /// <summary>Last activity (events, turns, stage changes); drives abandonment.</summary>
    public DateTimeOffset LastSeenAt { get; set; }
    /// <summary>When all data was saved and the code issued.</summary>
    public DateTimeOffset? CompletedAt { get; set; }
    /// <summary>Code shown at the end and sent to the recruitment platform.</summary>
    public string? CompletionCode { get; set; }
    /// <summary>Highest n such that client events 1..n are all stored.</summary>
    public long ClientSequenceWatermark { get; set; }
    /// <summary>Created by a simulated participant (pilot); excluded from balance, quotas and exports unless asked for.</summary>
    public bool IsSimulated { get; set; }
    /// <summary>When the current stage began (server clock): minimum times and time limits are measured from it.</summary>
    public DateTimeOffset? StageStartedAt { get; set; }
    /// <summary>The participant's number within their condition (0 = first assigned), for counterbalanced item orders.</summary>
    public int ConditionOrdinal { get; set; }
    /// <summary>Attention checks failed so far.</summary>
    public int FailedAttentionChecks { get; set; }
    /// <summary>
    /// SHA-256 of the resume code shown to the participant (hex), so they can continue on another device; the code
    /// itself lives only in their cookie and on their screen. Null for imported and older sessions.
    /// </summary>
    public string? ResumeCodeHash { get; set; }
    /// <summary>Where an imported session came from (e.g. <c>coauthor:session-12.jsonl</c>); null for sessions run here.</summary>
    public string? ImportSource { get; set; }
}
