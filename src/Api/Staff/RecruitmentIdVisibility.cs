using System.Security.Claims;
using InteractionLab.Api.ApiKeys;
using InteractionLab.Api.Data;

namespace InteractionLab.Api.Staff;

/// <summary>
/// Who sees a participant's recruitment-platform ids (PROLIFIC_PID, MTurk workerId, submission ids) in full: the
/// researchers who manage the study (owner, manage share, admins) and the study's API keys (which only they can
/// create) — they approve, reject and pay bonuses against these ids. Everyone else who may see the study (a
/// view-only share) gets them masked. Annotators and reviewers reach no page or export that carries them.
/// </summary>
public static class RecruitmentIdVisibility
{
    /// <summary>Whether <paramref name="user"/> sees the ids of <paramref name="studyId"/> unmasked.</summary>
    public static async Task<bool> RevealsAsync(IStudyAccess access, PlatformDbContext db, ClaimsPrincipal user, Guid studyId, CancellationToken ct = default) =>
        StaffOrApiKey.IsKey(user) || await access.ManagesAsync(db, user, studyId, ct);

    /// <summary>The id itself, or its masked form.</summary>
    public static string Show(string value, bool reveal) => reveal ? value : Mask(value);

    /// <summary>Keeps the first and last two characters: enough to match a support request, too little to misuse.</summary>
    public static string Mask(string value) => value.Length <= 6 ? new string('•', value.Length) : value[..2] + "••••" + value[^2..];
}
