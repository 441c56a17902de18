using System.Security.Claims;
using InteractionLab.Api.Data;

namespace InteractionLab.Api.Staff;

/// <summary>
/// Which studies a staff member may see and change. Admins reach every study; a researcher reaches the studies
/// they own and those shared with them (manage or view only). Every admin page and endpoint that takes a study id goes through this.
/// </summary>
public interface IStudyAccess
{
    /// <summary>The studies <paramref name="user"/> may see (a query to filter and page further).</summary>
    IQueryable<Study> Visible(PlatformDbContext db, ClaimsPrincipal user);

    /// <summary>The study if <paramref name="user"/> may manage it; otherwise a 404 problem (not 403, so ids do not leak).</summary>
    Task<Study> GetManagedAsync(PlatformDbContext db, ClaimsPrincipal user, Guid studyId, CancellationToken ct = default);

    /// <summary>The study if <paramref name="user"/> may see it (also through a view-only share); otherwise a 404 problem.</summary>
    Task<Study> GetVisibleAsync(PlatformDbContext db, ClaimsPrincipal user, Guid studyId, CancellationToken ct = default);

    /// <summary>
    /// Whether <paramref name="user"/> manages the study (owner, manage share or admin). Decides, among other things,
    /// who sees recruitment ids unmasked.
    /// </summary>
    Task<bool> ManagesAsync(PlatformDbContext db, ClaimsPrincipal user, Guid studyId, CancellationToken ct = default);

    /// <summary>Whether <paramref name="user"/> may change who <paramref name="study"/> is shared with (its owner or an admin).</summary>
    bool MayShare(Study study, ClaimsPrincipal user);
}
