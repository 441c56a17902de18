namespace InteractionLab.Api.Annotation.Data;

/// <summary>
/// One rater in one project, under a pseudonymous id: a staff account or a crowd worker who came by the project's
/// link (their recruitment ids kept apart here, never exported). A later LM judge fits as another <see cref="Kind"/>.
/// </summary>
public sealed class Annotator
{
    /// <summary>Primary key; the pseudonymous annotator id in exports.</summary>
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>The project.</summary>
    public Guid ProjectId { get; set; }
    /// <summary>Staff or crowd.</summary>
    public AnnotatorKind Kind { get; set; }
    /// <summary>The staff account, for staff annotators.</summary>
    public Guid? StaffUserId { get; set; }
    /// <summary>Recruitment platform of a crowd worker ("prolific", "mturk"), or null for an open link.</summary>
    public string? Source { get; set; }
    /// <summary>PROLIFIC_PID or MTurk workerId.</summary>
    public string? ExternalWorkerId { get; set; }
    /// <summary>STUDY_ID or hitId.</summary>
    public string? ExternalStudyId { get; set; }
    /// <summary>SESSION_ID or assignmentId.</summary>
    public string? ExternalSessionId { get; set; }
    /// <summary>When they first asked for an item.</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>For an LM judge: the model as "endpoint/model".</summary>
    public string? Model { get; set; }
    /// <summary>For an LM judge: the seed every call sent.</summary>
    public int? JudgeSeed { get; set; }
    /// <summary>For an LM judge: SHA-256 of the prompt template its calls were built from.</summary>
    public string? JudgePromptHash { get; set; }
    /// <summary>How many items they have been handed (the position of the next one is this + 1).</summary>
    public int Served { get; set; }
    /// <summary>Whether they passed the qualification items (null until they finished them, or when there are none).</summary>
    public bool? Qualified { get; set; }
    /// <summary>Excluded by a researcher: ratings kept (flagged) in raw exports, left out of every aggregate.</summary>
    public bool Excluded { get; set; }
    /// <summary>Why they were excluded.</summary>
    public string? ExclusionNote { get; set; }
    /// <summary>When they were excluded.</summary>
    public DateTimeOffset? ExcludedAt { get; set; }
    /// <summary>Completion code issued to a crowd worker at the end of their batch.</summary>
    public string? CompletionCode { get; set; }
    /// <summary>When a crowd worker finished their batch.</summary>
    public DateTimeOffset? FinishedAt { get; set; }
}

/// <summary>Who an annotator is.</summary>
public enum AnnotatorKind
{
    /// <summary>A staff account with the annotator (or reviewer, admin) role.</summary>
    Staff,
    /// <summary>A crowd worker from the project's link.</summary>
    Crowd,
    /// <summary>A language model rating the same items with the same guidelines and form (an LM judge).</summary>
    Model,
}
