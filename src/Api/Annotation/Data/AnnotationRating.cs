namespace InteractionLab.Api.Annotation.Data;

/// <summary>
/// One answer of one annotator to one question about one item (and, for per-turn marks, one turn): the third-party
/// rating, keyed through its item to the session, turn and artifact it rates.
/// </summary>
public sealed class AnnotationRating
{
    /// <summary>Primary key (the cursor of incremental exports).</summary>
    public long Id { get; set; }
    /// <summary>The project.</summary>
    public Guid ProjectId { get; set; }
    /// <summary>The assignment it was given in.</summary>
    public long AssignmentId { get; set; }
    /// <summary>The item.</summary>
    public long ItemId { get; set; }
    /// <summary>The rater.</summary>
    public Guid AnnotatorId { get; set; }
    /// <summary>The question's key.</summary>
    public required string QuestionKey { get; set; }
    /// <summary>The turn a per-turn mark refers to.</summary>
    public int? TurnIndex { get; set; }
    /// <summary>The answer as text, as survey answers are stored; for pairs "A"/"B" mean the item's first/second side.</summary>
    public required string Value { get; set; }
    /// <summary>When it was saved.</summary>
    public DateTimeOffset SubmittedAt { get; set; }
}
