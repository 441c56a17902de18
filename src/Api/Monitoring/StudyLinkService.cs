using System.Security.Claims;
using InteractionLab.Api.Data;
using InteractionLab.Api.Staff;
using InteractionLab.Domain.Studies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace InteractionLab.Api.Monitoring;

/// <summary>
/// The launch-ready links of a study the user may see, from its newest version's recruitment and assignment
/// settings and the configured public address (<see cref="ParticipantLinkOptions.PublicBaseUrl"/>), falling back to
/// the address the request came in on.
/// </summary>
public sealed class StudyLinkService(PlatformDbContext db, IStudyAccess access, IOptions<ParticipantLinkOptions> options)
{
    /// <summary>The links; <paramref name="requestBase"/> (the app's base address as the request saw it, path base included) is used when no public address is configured.</summary>
    public async Task<StudyLinks> GetAsync(ClaimsPrincipal user, Guid studyId, Uri requestBase, CancellationToken ct = default)
    {
        var study = await access.GetVisibleAsync(db, user, studyId, ct);
        var json = await db.StudyVersions.AsNoTracking().Where(v => v.StudyId == study.Id).OrderByDescending(v => v.Number)
            .Select(v => v.ConfigJson).FirstAsync(ct);
        var config = ConfigHash.Parse(json);
        return StudyLinks.For(PublicBase(requestBase), study.Slug, config.Recruitment, config.Assignment);
    }

    private Uri PublicBase(Uri requestBase) =>
        Uri.TryCreate(options.Value.PublicBaseUrl?.Trim(), UriKind.Absolute, out var configured) && configured.Scheme is "http" or "https"
            ? WithSlash(configured)
            : WithSlash(requestBase);

    // "https://x.org/lab" and "https://x.org/lab/" both mean the folder, so links go under it.
    private static Uri WithSlash(Uri u) => u.AbsoluteUri.EndsWith('/') ? u : new Uri(u.AbsoluteUri + "/");
}
