using System.Security.Claims;
using InteractionLab.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Staff;

/// <summary>Study access by ownership: admins see all, everyone else the studies whose owner is their user name.</summary>
public sealed class OwnerStudyAccess : IStudyAccess
{
    /// <inheritdoc />
    public IQueryable<Study> Visible(PlatformDbContext db, ClaimsPrincipal user)
    {
        if (user.IsInRole(StaffRoles.Admin)) return db.Studies;
        var name = user.Identity?.Name ?? "";
        return db.Studies.Where(s => s.Owner == name);
    }

    /// <inheritdoc />
    public async Task<Study> GetManagedAsync(PlatformDbContext db, ClaimsPrincipal user, Guid studyId, CancellationToken ct = default) =>
        await Visible(db, user).FirstOrDefaultAsync(s => s.Id == studyId, ct)
        ?? throw PlatformProblemException.StudyNotFound(studyId.ToString());
}
