using System.Security.Claims;
using InteractionLab.Api.Audit;
using InteractionLab.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Staff;

/// <summary><see cref="IStudySharing"/> on the database, with the change and its audit entry in one SaveChanges.</summary>
public sealed class StudySharingService(PlatformDbContext db, IStudyAccess access, AuditLog audit, TimeProvider time) : IStudySharing
{
    /// <inheritdoc />
    public async Task<StudySharingView> GetAsync(ClaimsPrincipal user, Guid studyId, CancellationToken ct = default)
    {
        var study = await access.GetVisibleAsync(db, user, studyId, ct);
        var shares = await db.StudyShares.AsNoTracking().Where(s => s.StudyId == studyId)
            .OrderBy(s => s.User!.UserName)
            .Select(s => new StudyShareView(s.Id, s.User!.UserName ?? "", s.Permission, s.SharedBy, s.CreatedAt))
            .ToListAsync(ct);
        return new StudySharingView(study.Slug, study.Owner, access.MayShare(study, user), shares);
    }

    /// <inheritdoc />
    public async Task ShareAsync(ClaimsPrincipal user, Guid studyId, string userName, StudyPermission permission, CancellationToken ct = default)
    {
        var study = await SharableAsync(user, studyId, ct);
        userName = userName.Trim();
        if (userName.Length == 0) throw PlatformProblemException.BadInput("Enter the user name of the researcher to share with.");
        var normalized = userName.ToUpperInvariant();
        var target = await db.Users.FirstOrDefaultAsync(u => u.NormalizedUserName == normalized, ct)
            ?? throw PlatformProblemException.BadInput($"There is no user '{userName}'. Check the spelling, or ask an admin to create the account.");
        var isResearcher = await db.UserRoles.AnyAsync(ur => ur.UserId == target.Id &&
            db.Roles.Any(r => r.Id == ur.RoleId && r.Name == StaffRoles.Researcher), ct);
        if (!isResearcher)
            throw PlatformProblemException.BadInput($"'{target.UserName}' is not a researcher; studies can only be shared with researchers (admins see every study already).");
        if (target.UserName == study.Owner)
            throw PlatformProblemException.BadInput($"'{target.UserName}' owns this study already.");

        var share = await db.StudyShares.FirstOrDefaultAsync(s => s.StudyId == studyId && s.UserId == target.Id, ct);
        if (share is null)
            db.StudyShares.Add(share = new StudyShare { StudyId = studyId, UserId = target.Id, SharedBy = user.Identity?.Name ?? "", CreatedAt = time.GetUtcNow() });
        else if (share.Permission == permission) return;
        share.Permission = permission;
        audit.Record(db, user, StaffAuditActions.StudyShare, study.Slug, studyId, $"{target.UserName}: {permission.ToString().ToLowerInvariant()}");
        await db.SaveChangesAsync(ct);
    }

    /// <inheritdoc />
    public async Task UnshareAsync(ClaimsPrincipal user, Guid studyId, Guid shareId, CancellationToken ct = default)
    {
        var study = await SharableAsync(user, studyId, ct);
        var share = await db.StudyShares.Include(s => s.User).FirstOrDefaultAsync(s => s.Id == shareId && s.StudyId == studyId, ct);
        if (share is null) return;
        db.StudyShares.Remove(share);
        audit.Record(db, user, StaffAuditActions.StudyUnshare, study.Slug, studyId, share.User?.UserName);
        await db.SaveChangesAsync(ct);
    }

    private async Task<Study> SharableAsync(ClaimsPrincipal user, Guid studyId, CancellationToken ct)
    {
        var study = await access.GetVisibleAsync(db, user, studyId, ct);
        return access.MayShare(study, user)
            ? study
            : throw new PlatformProblemException(403, "Not allowed", $"Only the owner ({study.Owner}) or an admin can change who this study is shared with.");
    }
}
