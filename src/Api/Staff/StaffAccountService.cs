using System.Security.Claims;
using InteractionLab.Api.Audit;
using InteractionLab.Api.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Staff;

/// <summary>
/// <see cref="IStaffAccounts"/> on Identity's <see cref="UserManager{TUser}"/>. The user store shares this scope's
/// <see cref="PlatformDbContext"/>, so the audit entry added before the store saves is committed with the change;
/// steps that save more than once run in one transaction.
/// </summary>
public sealed class StaffAccountService(UserManager<StaffUser> users, PlatformDbContext db, AuditLog audit, TimeProvider time)
    : IStaffAccounts
{
    /// <summary>Lockout end that marks an account disabled by an admin (far enough to mean "until unlocked").</summary>
    public static readonly DateTimeOffset DisabledUntil = new(3000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <inheritdoc />
    public async Task<IReadOnlyList<StaffUserView>> ListAsync(CancellationToken ct = default)
    {
        var accounts = await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct);
        var roles = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(ct);
        var now = time.GetUtcNow();
        return accounts.Select(u => new StaffUserView(
            u.Id, u.UserName ?? "", roles.FirstOrDefault(r => r.UserId == u.Id)?.Name ?? "",
            u.LockoutEnd > now ? u.LockoutEnd : null, u.LockoutEnd >= DisabledUntil, u.MustChangePassword, u.CreatedAt)).ToList();
    }

    /// <inheritdoc />
    public Task<string> CreateAsync(ClaimsPrincipal actor, string userName, string role, CancellationToken ct = default) =>
        CreateAsync(actor.Identity?.Name ?? "anonymous", userName, role, ct);

    /// <summary>Creates an account for a named actor ("system" at first start, the command line); returns its one-time password.</summary>
    public async Task<string> CreateAsync(string actor, string userName, string role, CancellationToken ct = default)
    {
        userName = userName.Trim();
        if (userName.Length == 0) throw PlatformProblemException.BadInput("Enter a user name.");
        RequireRole(role);
        var password = OneTimePassword.Create();
        var user = new StaffUser { UserName = userName, CreatedAt = time.GetUtcNow(), MustChangePassword = true };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        Check(await users.CreateAsync(user, password), $"Could not create '{userName}'");
        audit.Record(db, actor, StaffAuditActions.AccountCreate, userName, detail: $"role {role}");
        Check(await users.AddToRoleAsync(user, role), $"Could not give '{userName}' the role {role}");
        await tx.CommitAsync(ct);
        return password;
    }

    /// <inheritdoc />
    public async Task ChangeRoleAsync(ClaimsPrincipal actor, Guid userId, string role, CancellationToken ct = default)
    {
        RequireRole(role);
        var user = await FindOtherAsync(actor, userId, "change the role of");
        var current = await users.GetRolesAsync(user);
        if (current.SequenceEqual([role])) return;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (current.Count > 0) Check(await users.RemoveFromRolesAsync(user, current), "Could not change the role");
        audit.Record(db, actor, StaffAuditActions.AccountRole, user.UserName!, detail: $"{string.Join(",", current)} → {role}");
        Check(await users.AddToRoleAsync(user, role), "Could not change the role");
        // A new stamp makes open sessions pick up the new role at their next validation.
        Check(await users.UpdateSecurityStampAsync(user), "Could not change the role");
        await tx.CommitAsync(ct);
    }

    /// <inheritdoc />
    public async Task LockAsync(ClaimsPrincipal actor, Guid userId, CancellationToken ct = default)
    {
        var user = await FindOtherAsync(actor, userId, "lock");
        user.LockoutEnabled = true;
        user.LockoutEnd = DisabledUntil;
        audit.Record(db, actor, StaffAuditActions.AccountLock, user.UserName!);
        // Saves the lockout with the audit entry and ends the user's open sessions.
        Check(await users.UpdateSecurityStampAsync(user), "Could not lock the account");
    }

    /// <inheritdoc />
    public async Task UnlockAsync(ClaimsPrincipal actor, Guid userId, CancellationToken ct = default)
    {
        var user = await FindAsync(userId);
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        audit.Record(db, actor, StaffAuditActions.AccountUnlock, user.UserName!);
        Check(await users.UpdateAsync(user), "Could not unlock the account");
    }

    /// <inheritdoc />
    public async Task<string> ResetPasswordAsync(ClaimsPrincipal actor, Guid userId, CancellationToken ct = default)
    {
        var user = await FindAsync(userId);
        var password = OneTimePassword.Create();
        var token = await users.GeneratePasswordResetTokenAsync(user);
        user.MustChangePassword = true;
        audit.Record(db, actor, StaffAuditActions.AccountPasswordReset, user.UserName!);
        // ResetPasswordAsync also renews the security stamp, which ends the user's open sessions.
        Check(await users.ResetPasswordAsync(user, token, password), "Could not reset the password");
        return password;
    }

    /// <inheritdoc />
    public async Task DeleteAsync(ClaimsPrincipal actor, Guid userId, CancellationToken ct = default)
    {
        var user = await FindOtherAsync(actor, userId, "delete");
        audit.Record(db, actor, StaffAuditActions.AccountDelete, user.UserName!);
        Check(await users.DeleteAsync(user), "Could not delete the account");
    }

    private async Task<StaffUser> FindAsync(Guid userId)
    {
        return await users.FindByIdAsync(userId.ToString())
            ?? throw new PlatformProblemException(404, "User not found", "That account no longer exists; reload the page.");
    }

    /// <summary>The account, refusing the admin's own: locking, deleting or demoting oneself would leave no way back in.</summary>
    private async Task<StaffUser> FindOtherAsync(ClaimsPrincipal actor, Guid userId, string verb)
    {
        var user = await FindAsync(userId);
        if (string.Equals(user.UserName, actor.Identity?.Name, StringComparison.OrdinalIgnoreCase))
            throw PlatformProblemException.Conflict($"You cannot {verb} your own account; ask another admin.");
        return user;
    }

    private static void RequireRole(string role)
    {
        if (!StaffRoles.All.Contains(role))
            throw PlatformProblemException.BadInput($"'{role}' is not a role; choose one of {string.Join(", ", StaffRoles.All)}.");
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw PlatformProblemException.BadInput($"{what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
    }
}
