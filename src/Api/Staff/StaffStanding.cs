using System.Security.Claims;
using InteractionLab.Api.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Staff;

/// <summary>
/// Whether a signed-in staff member is still who their sign-in says: the account exists, is not disabled, and its
/// security stamp is the one in their cookie (Identity renews it on a role change, a password change or reset and a
/// lock). A page opened before such a change keeps its circuit and its principal, so every privileged action asks
/// this again (<see cref="StaffStandingInterceptor"/>, <see cref="StudyAccess"/>) and the circuit's sign-in is
/// re-checked every few seconds; the action is refused and nothing is audited under the changed account's name.
/// </summary>
public static class StaffStanding
{
    /// <summary>Title of the refusal, so pages can tell it from other problems.</summary>
    public const string ChangedTitle = "Account changed";

    /// <summary>
    /// True unless <paramref name="user"/> signed in with the staff cookie and the account has since been deleted,
    /// disabled or changed. Principals of other kinds (API keys, the command line) are answered by their own checks.
    /// </summary>
    public static async Task<bool> IsCurrentAsync(PlatformDbContext db, ClaimsPrincipal user, DateTimeOffset now, CancellationToken ct = default)
    {
        if (!SignedInWithStaffCookie(user, out var id, out var stamp)) return true;
        var account = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new { u.SecurityStamp, u.LockoutEnd }).SingleOrDefaultAsync(ct);
        return account is not null && account.SecurityStamp == stamp && !(account.LockoutEnd > now);
    }

    /// <summary>The same check for a synchronous save.</summary>
    public static bool IsCurrent(PlatformDbContext db, ClaimsPrincipal user, DateTimeOffset now)
    {
        if (!SignedInWithStaffCookie(user, out var id, out var stamp)) return true;
        var account = db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new { u.SecurityStamp, u.LockoutEnd }).SingleOrDefault();
        return account is not null && account.SecurityStamp == stamp && !(account.LockoutEnd > now);
    }

    /// <summary>Throws the 403 problem when <paramref name="user"/> is no longer current.</summary>
    public static async Task RequireCurrentAsync(PlatformDbContext db, ClaimsPrincipal user, DateTimeOffset now, CancellationToken ct = default)
    {
        if (!await IsCurrentAsync(db, user, now, ct)) throw Changed();
    }

    /// <summary>The refusal: 403 with what to do.</summary>
    public static PlatformProblemException Changed() => new(403, ChangedTitle,
        "Your account was changed or disabled after you signed in, so this was not done. Sign in again to continue.");

    // A principal from the staff cookie always carries its user id and security stamp; one that claims the scheme
    // without them is refused rather than trusted.
    private static bool SignedInWithStaffCookie(ClaimsPrincipal user, out Guid id, out string? stamp)
    {
        id = default;
        stamp = null;
        if (user.Identity is not { IsAuthenticated: true, AuthenticationType: var type } || type != IdentityConstants.ApplicationScheme) return false;
        stamp = user.FindFirstValue(new ClaimsIdentityOptions().SecurityStampClaimType) ?? "";
        if (!Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out id)) id = Guid.Empty;
        return true;
    }
}
