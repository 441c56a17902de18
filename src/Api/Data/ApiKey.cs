namespace InteractionLab.Api.Data;

/// <summary>An API key. Only its prefix (to recognise it in lists) and SHA-256 hash are stored, never the key.</summary>
public sealed class ApiKey
{
    /// <summary>Primary key.</summary>
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>First characters of the key, shown in lists.</summary>
    public required string Prefix { get; set; }
    /// <summary>Lower-case hex SHA-256 of the whole key.</summary>
    public required string Hash { get; set; }
    /// <summary>What the key is for, in its creator's words (e.g. "nightly R pull"); shown in the keys list and the audit log.</summary>
    public string Name { get; set; } = "";
    /// <summary>What the key may do, e.g. <c>export</c>.</summary>
    public List<string> Scopes { get; set; } = [];
    /// <summary>Who created it.</summary>
    public required string Owner { get; set; }
    /// <summary>The one study it is limited to; null for all studies.</summary>
    public Guid? StudyId { get; set; }
    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When it was revoked; a revoked key is refused.</summary>
    public DateTimeOffset? RevokedAt { get; set; }
}
