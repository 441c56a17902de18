using System.Security.Claims;
using InteractionLab.Api.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace InteractionLab.Api.Staff;

/// <summary>Identity's claims plus a marker while the user still has a one-time password.</summary>
public sealed class StaffClaimsFactory(
    UserManager<StaffUser> users, RoleManager<IdentityRole<Guid>> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<StaffUser, IdentityRole<Guid>>(users, roles, options)
{
    /// <summary>Claim present while the password must be changed before the admin area can be used.</summary>
    public const string MustChangePasswordClaim = "il:must-change-password";

    /// <inheritdoc />
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.MustChangePassword) identity.AddClaim(new Claim(MustChangePasswordClaim, "true"));
        return identity;
    }
}
