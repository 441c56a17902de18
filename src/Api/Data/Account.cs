namespace InteractionLab.Api.Data;

/// <summary>A staff account (admin for now; full Identity and roles arrive with issue 5).</summary>
public sealed class Account
{
    /// <summary>Primary key.</summary>
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>Login name; unique.</summary>
    public required string UserName { get; set; }
    /// <summary>PBKDF2 hash from <c>PasswordHasher</c>; the password itself is never stored.</summary>
    public required string PasswordHash { get; set; }
    /// <summary>Role name, e.g. "admin".</summary>
    public required string Role { get; set; }
    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
