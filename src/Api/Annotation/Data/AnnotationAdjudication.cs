namespace InteractionLab.Api.Annotation.Data;

/// <summary>A reviewer's final value for one question of one item (and turn), with a note; one per question, audited.</summary>
public sealed class AnnotationAdjudication
{
    /// <summary>Primary key.</summary>
    public long Id { get; set; }
    /// <summary>The project.</summary>
    public Guid ProjectId { get; set; }
    /// <summary>The item.</summary>
    public long ItemId { get; set; }
    /// <summary>The question's key.</summary>
    public required string QuestionKey { get; set; }
    /// <summary>The turn, for per-turn marks.</summary>
    public int? TurnIndex { get; set; }
    /// <summary>The adjudicated value.</summary>
    public required string Value { get; set; }
    /// <summary>The reviewer's reasoning.</summary>
    public string? Note { get; set; }
    /// <summary>Account name of the reviewer.</summary>
    public required string Reviewer { get; set; }
    /// <summary>When it was recorded (or last changed).</summary>
    public DateTimeOffset DecidedAt { get; set; }
}
