using System.Security.Claims;
using InteractionLab.Api.Audit;
using InteractionLab.Api.Data;
using InteractionLab.Api.Registry;
using InteractionLab.Api.Staff;
using InteractionLab.Domain.Studies;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Monitoring;

/// <summary>
/// Launches, pauses, resumes and closes studies. Pausing and closing only stop new consents: sessions already in
/// progress may finish, because cutting a participant off mid-task would lose data they were paid to give.
/// A closed study is final (reopening would mix two recruitment waves under one status history).
/// </summary>
public sealed class StudyLifecycleService(PlatformDbContext db, IStudyAccess access, AuditLog audit, ConditionModelCheck models)
{
    /// <summary>
    /// Draft → Open, after checking the latest version's config and that every condition's endpoint serves its model;
    /// 409 problem otherwise.
    /// </summary>
    public async Task<Study> LaunchAsync(ClaimsPrincipal user, Guid studyId, CancellationToken ct = default)
    {
        var study = await access.GetManagedAsync(db, user, studyId, ct);
        if (study.Status != StudyStatus.Draft)
            throw PlatformProblemException.Conflict(study.Status == StudyStatus.Paused
                ? "This study was launched already and is paused; resume it instead."
                : $"Only a draft study can be launched; this one is {Describe(study.Status)}.");
        var version = await LatestAsync(study.Id, ct)
            ?? throw PlatformProblemException.Conflict("This study has no saved version yet; save its configuration before launching.");
        var config = ConfigHash.Parse(version.ConfigJson);
        var problems = StudyConfigValidator.Validate(config);
        if (problems.Count > 0)
            throw new PlatformProblemException(409, "Study cannot be launched",
                $"Version {version.Number} has {problems.Count} problem(s) to fix before launch.",
                new Dictionary<string, string[]> { ["config"] = problems.ToArray() });
        await RequireServedModelsAsync(config, version.Number, "launched", ct);
        return await ChangeAsync(user, study, StudyStatus.Open, "study.launch", $"version {version.Number}", ct);
    }

    /// <summary>Open → Paused: the landing page says so and refuses new consents; sessions in progress may finish.</summary>
    public async Task<Study> PauseAsync(ClaimsPrincipal user, Guid studyId, CancellationToken ct = default)
    {
        var study = await access.GetManagedAsync(db, user, studyId, ct);
        if (study.Status != StudyStatus.Open)
            throw PlatformProblemException.Conflict($"Only an open study can be paused; this one is {Describe(study.Status)}.");
        return await ChangeAsync(user, study, StudyStatus.Paused, "study.pause", null, ct);
    }

    /// <summary>Paused → Open.</summary>
    public async Task<Study> ResumeAsync(ClaimsPrincipal user, Guid studyId, CancellationToken ct = default)
    {
        var study = await access.GetManagedAsync(db, user, studyId, ct);
        if (study.Status != StudyStatus.Paused)
            throw PlatformProblemException.Conflict($"Only a paused study can be resumed; this one is {Describe(study.Status)}.");
        // A version saved while paused goes live on resuming: its models are checked as at launch.
        var version = (await LatestAsync(study.Id, ct))!;
        await RequireServedModelsAsync(ConfigHash.Parse(version.ConfigJson), version.Number, "resumed", ct);
        return await ChangeAsync(user, study, StudyStatus.Open, "study.resume", null, ct);
    }

    /// <summary>Open or Paused → Closed: no new consents, ever; sessions in progress may still finish.</summary>
    public async Task<Study> CloseAsync(ClaimsPrincipal user, Guid studyId, CancellationToken ct = default)
    {
        var study = await access.GetManagedAsync(db, user, studyId, ct);
        if (study.Status is not (StudyStatus.Open or StudyStatus.Paused))
            throw PlatformProblemException.Conflict(study.Status == StudyStatus.Closed
                ? "This study is closed already."
                : "A draft study has never been launched, so there is nothing to close.");
        return await ChangeAsync(user, study, StudyStatus.Closed, "study.close", null, ct);
    }

    // Read fresh, not from StudyConfigCache: a draft's unused version is replaced in place when the researcher saves.
    private Task<StudyVersion?> LatestAsync(Guid studyId, CancellationToken ct) =>
        db.StudyVersions.AsNoTracking().Where(v => v.StudyId == studyId).OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct);

    // A condition whose endpoint does not serve its model would fail every participant at their first reply.
    private async Task RequireServedModelsAsync(StudyConfig config, int version, string verb, CancellationToken ct)
    {
        var problems = await models.ProblemsAsync(config, ct);
        if (problems.Count > 0)
            throw new PlatformProblemException(409, $"Study cannot be {verb}",
                $"Version {version}: {problems.Count} condition(s) name a model their endpoint does not serve. Fix them in the builder.", problems);
    }

    private async Task<Study> ChangeAsync(ClaimsPrincipal user, Study study, StudyStatus to, string action, string? detail, CancellationToken ct)
    {
        var from = study.Status;
        study.Status = to;
        audit.Record(db, user, action, study.Slug, study.Id, $"{from} → {to}" + (detail is null ? "" : $" ({detail})"));
        await db.SaveChangesAsync(ct);
        return study;
    }

    private static string Describe(StudyStatus status) => status.ToString().ToLowerInvariant();
}
