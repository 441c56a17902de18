namespace InteractionLab.Api.Annotation.Data;

/// <summary>
/// One item handed to one annotator: the lease, then the submission or the skip. Unique per (item, annotator), so
/// nobody rates an item twice. Records the order and the pair sides the annotator saw.
/// </summary>
public sealed class AnnotationAssignment
{
    /// <summary>Primary key.</summary>
    public long Id { get; set; }
    /// <summary>The project.</summary>
    public Guid ProjectId { get; set; }
    /// <summary>The item.</summary>
    public long ItemId { get; set; }
    /// <summary>The annotator.</summary>
    public Guid AnnotatorId { get; set; }
    /// <summary>Leased, submitted, skipped or expired.</summary>
    public AssignmentStatus Status { get; set; }
    /// <summary>This was the annotator's n-th item in the project (1-based): their order, recorded.</summary>
    public int Position { get; set; }
    /// <summary>For pairs: the annotator saw the second side on the left.</summary>
    public bool SidesSwapped { get; set; }
    /// <summary>When it was (last) handed out.</summary>
    public DateTimeOffset LeasedAt { get; set; }
    /// <summary>When the lease runs out and the item returns to the queue.</summary>
    public DateTimeOffset LeaseExpiresAt { get; set; }
    /// <summary>When it was submitted.</summary>
    public DateTimeOffset? SubmittedAt { get; set; }
    /// <summary>Seconds from hand-out to submission (server clock).</summary>
    public double? Seconds { get; set; }
    /// <summary>The half-filled form (JSON), kept across reloads.</summary>
    public string? DraftJson { get; set; }
    /// <summary>Why the annotator skipped it.</summary>
    public string? SkipReason { get; set; }
    /// <summary>The annotator flagged it for a reviewer.</summary>
    public bool Flagged { get; set; }
    /// <summary>What the annotator said when flagging.</summary>
    public string? FlagNote { get; set; }
    /// <summary>For gold and qualification items: share of expected answers matched.</summary>
    public double? GoldScore { get; set; }
    /// <summary>Hash of the project config the rating was given under.</summary>
    public required string ProjectConfigHash { get; set; }
    /// <summary>For an LM judge: the model's answer as the model pipeline returned it (the sample its ratings were read from).</summary>
    public string? ModelAnswer { get; set; }
    /// <summary>For an LM judge: what the model was asked (a <c>JudgeCall</c>: messages, seed, temperature, as JSON), recorded per item.</summary>
    public string? ModelRequestJson { get; set; }
}

/// <summary>State of an assignment.</summary>
public enum AssignmentStatus
{
    /// <summary>Handed out, not yet answered.</summary>
    Leased,
    /// <summary>Rated.</summary>
    Submitted,
    /// <summary>Skipped with a reason; the item goes to someone else.</summary>
    Skipped,
    /// <summary>The lease ran out; the slot went back to the queue (the same annotator may take it up again).</summary>
    Expired,
}
