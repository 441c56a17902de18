namespace InteractionLab.Api.Data;

/// <summary>
/// A stimulus set a researcher uploaded. Never edited after upload (a study that names it always sees the same
/// items); a new file is a new set.
/// </summary>
public sealed class StimulusSet
{
    /// <summary>Primary key.</summary>
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>Key studies use (unique).</summary>
    public required string Key { get; set; }
    /// <summary>Name shown to researchers.</summary>
    public required string Name { get; set; }
    /// <summary>Kind (the task format that parsed it).</summary>
    public required string Kind { get; set; }
    /// <summary>The normalised items (JSON array).</summary>
    public required string ItemsJson { get; set; }
    /// <summary>Number of items.</summary>
    public int ItemCount { get; set; }
    /// <summary>SHA-256 of the normalised items (shows when two uploads are the same).</summary>
    public required string ContentHash { get; set; }
    /// <summary>The uploaded file's name.</summary>
    public required string SourceFileName { get; set; }
    /// <summary>User name of the uploader.</summary>
    public required string Owner { get; set; }
    /// <summary>When it was uploaded.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
