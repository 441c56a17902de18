namespace InteractionLab.Api.Annotation.Data;

/// <summary>
/// An annotation project of a study: its config (form, guidelines, k, filter, redaction…) stored whole with its
/// hash, and whether it takes ratings. Edited by researchers, so <see cref="Revision"/> guards against lost updates.
/// </summary>
public sealed class AnnotationProject
{
    /// <summary>Primary key.</summary>
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>The study whose sessions it rates.</summary>
    public Guid StudyId { get; set; }
    /// <summary>Short name in the crowd link (<c>/a/{slug}</c>); unique.</summary>
    public required string Slug { get; set; }
    /// <summary>Open (annotators get items), paused or closed.</summary>
    public AnnotationProjectStatus Status { get; set; } = AnnotationProjectStatus.Open;
    /// <summary>The <c>AnnotationProjectConfig</c> as JSON (read whole).</summary>
    public required string ConfigJson { get; set; }
    /// <summary>SHA-256 of the canonical config; stamped on every assignment.</summary>
    public required string ConfigHash { get; set; }
    /// <summary>Bumped by every save; a save naming an older revision is refused (409).</summary>
    public int Revision { get; set; } = 1;
    /// <summary>Account that created it.</summary>
    public required string CreatedBy { get; set; }
    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When its config last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Whether a project hands out items.</summary>
public enum AnnotationProjectStatus
{
    /// <summary>Annotators get items; new sessions flow in.</summary>
    Open,
    /// <summary>No new items are handed out; sessions still flow in.</summary>
    Paused,
    /// <summary>Finished: nothing is handed out and nothing flows in.</summary>
    Closed,
}
