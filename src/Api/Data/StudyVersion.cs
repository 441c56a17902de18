namespace InteractionLab.Api.Data;

/// <summary>A frozen study configuration. Never edited once sessions point at it.</summary>
public sealed class StudyVersion
{
    /// <summary>Primary key.</summary>
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>The study.</summary>
    public Guid StudyId { get; set; }
    /// <summary>1, 2, … within the study.</summary>
    public int Number { get; set; }
    /// <summary>The configuration as canonical JSON (read whole).</summary>
    public required string ConfigJson { get; set; }
    /// <summary>SHA-256 of the canonical JSON; stamped on every session.</summary>
    public required string ConfigHash { get; set; }
    /// <summary>When it was frozen.</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The study.</summary>
    public Study? Study { get; set; }
}
