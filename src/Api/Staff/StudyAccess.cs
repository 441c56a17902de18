using System.Security.Claims;
using InteractionLab.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Staff;

/// <summary>
/// Study access by ownership and sharing: admins reach every study; a researcher sees the studies they own and
/// those shared with them, and manages those they own or that are shared with <see cref="StudyPermission.Manage"/>.
/// A staff member whose account changed since they signed in reaches no study (<see cref="StaffStanding"/>).
/// </summary>
public sealed class StudyAccess(TimeProvider time) : IStudyAccess
{
    /// <inheritdoc />
    public IQueryable<Study> Visible(PlatformDbContext db, ClaimsPrincipal user)
    {
        if (user.IsInRole(StaffRoles.Admin)) return db.Studies;
        var name = user.Identity?.Name ?? "";
        return db.Studies.Where(s => s.Owner == name || db.StudyShares.Any(sh => sh.StudyId == s.Id && sh.User!.UserName == name));
    }

    /// <inheritdoc />
    public async Task<Study> GetManagedAsync(PlatformDbContext db, ClaimsPrincipal user, Guid studyId, CancellationToken ct = default)
    {
        await StaffStanding.RequireCurrentAsync(db, user, time.GetUtcNow(), ct);
        return await Managed(db, user).FirstOrDefaultAsync(s => s.Id == studyId, ct) ?? throw PlatformProblemException.StudyNotFound(studyId.ToString());
    }

    /// <inheritdoc />
    public async Task<bool> ManagesAsync(PlatformDbContext db, ClaimsPrincipal user, Guid studyId, CancellationToken ct = default) =>
        await StaffStanding.IsCurrentAsync(db, user, time.GetUtcNow(), ct) && await Managed(db, user).AnyAsync(s => s.Id == studyId, ct);

    private static IQueryable<Study> Managed(PlatformDbContext db, ClaimsPrincipal user)
    {
        if (user.IsInRole(StaffRoles.Admin)) return db.Studies;
        var name = user.Identity?.Name ?? "";
        return db.Studies.Where(s => s.Owner == name || db.StudyShares.Any(sh =>
            sh.StudyId == s.Id && sh.User!.UserName == name && sh.Permission == StudyPermission.Manage));
    }

    /// <inheritdoc />
    public async Task<Study> GetVisibleAsync(PlatformDbContext db, ClaimsPrincipal user, Guid studyId, CancellationToken ct = default)
    {
        await StaffStanding.RequireCurrentAsync(db, user, time.GetUtcNow(), ct);
        return await Visible(db, user).FirstOrDefaultAsync(s => s.Id == studyId, ct) ?? throw PlatformProblemException.StudyNotFound(studyId.ToString());
    }

    /// <inheritdoc />
    public bool MayShare(Study study, ClaimsPrincipal user) =>
        user.IsInRole(StaffRoles.Admin) || string.Equals(study.Owner, user.Identity?.Name, StringComparison.Ordinal);
}
