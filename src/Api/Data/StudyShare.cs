namespace InteractionLab.Api.Data;

/// <summary>A study shared by its owner (or an admin) with another researcher.</summary>
public sealed class StudyShare
{
    /// <summary>Primary key.</summary>
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>The study shared.</summary>
    public Guid StudyId { get; set; }
    /// <summary>The researcher it is shared with.</summary>
    public Guid UserId { get; set; }
    /// <summary>The researcher (loaded for names in lists).</summary>
    public StaffUser? User { get; set; }
    /// <summary>What the researcher may do with it.</summary>
    public StudyPermission Permission { get; set; }
    /// <summary>Who shared it.</summary>
    public required string SharedBy { get; set; }
    /// <summary>When it was shared.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
