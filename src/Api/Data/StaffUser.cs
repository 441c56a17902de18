using Microsoft.AspNetCore.Identity;

namespace InteractionLab.Api.Data;

/// <summary>A staff account (admin, researcher, reviewer or annotator), managed by ASP.NET Core Identity.</summary>
public sealed class StaffUser : IdentityUser<Guid>
{
    /// <summary>Creates a user with a fresh id.</summary>
    public StaffUser() => Id = Guid.NewGuid();

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// True while the password is one an admin or the platform generated (first admin, new user, reset): the user
    /// must choose their own before using the admin area, so the one-time password stops being a secret anyone else saw.
    /// </summary>
    public bool MustChangePassword { get; set; }
}
