namespace InteractionLab.Api.Data;

/// <summary>One researcher or admin action, kept for accountability. Rows are only ever added.</summary>
public sealed class AuditEntry
{
    /// <summary>Primary key (increasing, so it orders entries).</summary>
    public long Id { get; set; }
    /// <summary>When it happened.</summary>
    public DateTimeOffset At { get; set; }
    /// <summary>User name of who did it ("system" for the platform itself).</summary>
    public required string Actor { get; set; }
    /// <summary>What was done, dotted, e.g. <c>study.launch</c>, <c>account.password-reset</c>.</summary>
    public required string Action { get; set; }
    /// <summary>What it was done to, e.g. a study slug, a user name or an endpoint name.</summary>
    public required string Target { get; set; }
    /// <summary>The study concerned, if any (so a study's history can be listed).</summary>
    public Guid? StudyId { get; set; }
    /// <summary>Extra detail in plain words or JSON (never a secret).</summary>
    public string? Detail { get; set; }
}
