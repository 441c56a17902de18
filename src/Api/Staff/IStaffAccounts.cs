using System.Security.Claims;

namespace InteractionLab.Api.Staff;

/// <summary>
/// Staff account administration (the users page). Every change is audited under the acting admin; refusals are
/// <see cref="PlatformProblemException"/>s whose detail tells the admin what to do.
/// </summary>
public interface IStaffAccounts
{
    /// <summary>All accounts by name.</summary>
    Task<IReadOnlyList<StaffUserView>> ListAsync(CancellationToken ct = default);

    /// <summary>Creates an account with a role; returns its one-time password (it must be changed at first sign-in).</summary>
    Task<string> CreateAsync(ClaimsPrincipal actor, string userName, string role, CancellationToken ct = default);

    /// <summary>Gives an account another role.</summary>
    Task ChangeRoleAsync(ClaimsPrincipal actor, Guid userId, string role, CancellationToken ct = default);

    /// <summary>Disables an account until an admin unlocks it; its open sessions end.</summary>
    Task LockAsync(ClaimsPrincipal actor, Guid userId, CancellationToken ct = default);

    /// <summary>Lifts a lockout (an admin's or one from failed sign-ins).</summary>
    Task UnlockAsync(ClaimsPrincipal actor, Guid userId, CancellationToken ct = default);

    /// <summary>Sets a new one-time password and returns it; the user must change it at next sign-in.</summary>
    Task<string> ResetPasswordAsync(ClaimsPrincipal actor, Guid userId, CancellationToken ct = default);

    /// <summary>Deletes an account and its study shares (studies it owns stay, under its name).</summary>
    Task DeleteAsync(ClaimsPrincipal actor, Guid userId, CancellationToken ct = default);
}
