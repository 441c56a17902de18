using System.Security.Claims;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using InteractionLab.Api.Audit;
using InteractionLab.Api.Data;
using InteractionLab.Api.Staff;
using InteractionLab.Domain.Studies;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Studies;

/// <summary>
/// Creating and editing studies. A version that sessions point at is never edited: while a study is a draft
/// and nobody has run its newest version, saving replaces that version (re-hashed); after launch, or once any
/// session runs it, saving freezes version N+1, so sessions keep theirs and new participants get the newest.
/// Every change is audited in the same SaveChanges.
/// </summary>
public sealed partial class StudyBuilderService(
    PlatformDbContext db, IStudyAccess access, AuditLog audit, Tasks.TaskCatalog catalog, Stimuli.StimulusStore stimuli,
    Registry.ConditionModelCheck models, LanguageModels.LanguageModelGateway gateway, TimeProvider time)
{
    /// <summary>Studies the user may see, newest first.</summary>
    public async Task<IReadOnlyList<StudySummary>> ListAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var rows = await access.Visible(db, user).AsNoTracking()
            .OrderByDescending(s => s.CreatedAt)
            .Select(s => new
            {
                s.Id, s.Slug, s.Status, s.Owner,
                Latest = s.Versions.OrderByDescending(v => v.Number).Select(v => new { v.Number, v.ConfigJson }).First(),
                Sessions = db.Sessions.Count(x => x.StudyId == s.Id),
            })
            .ToListAsync(ct);
        return rows.Select(r => new StudySummary(r.Id, r.Slug, TitleOf(r.Latest.ConfigJson), r.Status, r.Latest.Number, r.Sessions, r.Owner)).ToList();
    }

    /// <summary>Creates a draft study owned by the user with <paramref name="config"/> as version 1.</summary>
    public async Task<EditableStudy> CreateAsync(ClaimsPrincipal user, string slug, StudyConfig config, CancellationToken ct = default)
    {
        slug = (slug ?? "").Trim();
        var errors = await ProblemsAsync(config, ct);
        if (!SlugPattern().IsMatch(slug) || slug.Length is < 2 or > 64)
            errors["slug"] = ["Use 2–64 lowercase letters, digits and single dashes (e.g. 'chat-study-2'); it becomes the participant link /s/{slug}."];
        else if (await db.Studies.AnyAsync(s => s.Slug == slug, ct))
            errors["slug"] = [$"The slug '{slug}' is already used by another study. Choose another."];
        if (errors.Count > 0) throw Invalid("The study was not created", errors);

        var now = time.GetUtcNow();
        var study = new Study { Slug = slug, Owner = user.Identity?.Name ?? "", Status = StudyStatus.Draft, CreatedAt = now };
        study.Versions.Add(new StudyVersion { Number = 1, ConfigJson = ConfigHash.Canonical(config), ConfigHash = ConfigHash.Compute(config), CreatedAt = now });
        db.Studies.Add(study);
        audit.Record(db, user, "study.create", slug, study.Id, $"version 1, {ConfigHash.Compute(config)}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another researcher took the slug between the check and the insert.
            throw Invalid("The study was not created", new Dictionary<string, string[]> { ["slug"] = [$"The slug '{slug}' is already used by another study. Choose another."] });
        }
        return new EditableStudy(study.Id, slug, study.Status, 1, config, SavingCreatesVersion: false);
    }

    /// <summary>The newest config of a study the user manages, with whether saving will freeze a new version.</summary>
    public async Task<EditableStudy> GetEditableAsync(ClaimsPrincipal user, Guid studyId, CancellationToken ct = default)
    {
        var study = await access.GetManagedAsync(db, user, studyId, ct);
        var latest = await LatestAsync(study.Id, ct);
        return new EditableStudy(study.Id, study.Slug, study.Status, latest.Number, ConfigHash.Parse(latest.ConfigJson),
            await InUseAsync(study, latest, ct));
    }

    /// <summary>
    /// Validates and saves <paramref name="config"/>. Nothing is written when it has problems (a 400 with the
    /// problems per field). <paramref name="expectedVersion"/>, when given, must still be the newest version,
    /// so two researchers editing at once do not silently overwrite each other.
    /// </summary>
    public async Task<SaveOutcome> SaveAsync(ClaimsPrincipal user, Guid studyId, StudyConfig config, int? expectedVersion = null, CancellationToken ct = default)
    {
        var study = await access.GetManagedAsync(db, user, studyId, ct);
        var errors = await ProblemsAsync(config, ct);
        if (errors.Count > 0) throw Invalid("The study was not saved", errors);
        // An open study's new version goes live at once, so it must pass the launch rule on models.
        if (study.Status == StudyStatus.Open && await models.ProblemsAsync(config, ct) is { Count: > 0 } unserved)
            throw Invalid("The study is open, so this version would go live at once; it was not saved", unserved);
        var latest = await db.StudyVersions.Where(v => v.StudyId == study.Id).OrderByDescending(v => v.Number).FirstAsync(ct);
        if (expectedVersion is { } expected && expected != latest.Number)
            throw PlatformProblemException.Conflict($"Version {latest.Number} was saved since you opened version {expected}. Reload the builder to see it, then make your change again.");

        var hash = ConfigHash.Compute(config);
        if (hash == latest.ConfigHash) return new SaveOutcome(latest.Number, NewVersion: false, Unchanged: true, hash);
        var json = ConfigHash.Canonical(config);
        var now = time.GetUtcNow();
        SaveOutcome outcome;
        if (await InUseAsync(study, latest, ct))
        {
            db.StudyVersions.Add(new StudyVersion { StudyId = study.Id, Number = latest.Number + 1, ConfigJson = json, ConfigHash = hash, CreatedAt = now });
            audit.Record(db, user, "study.version", study.Slug, study.Id, $"version {latest.Number + 1}, {hash}");
            outcome = new SaveOutcome(latest.Number + 1, NewVersion: true, Unchanged: false, hash);
        }
        else
        {
            audit.Record(db, user, "study.save", study.Slug, study.Id, $"version {latest.Number} replaced, {latest.ConfigHash} → {hash}");
            latest.ConfigJson = json;
            latest.ConfigHash = hash;
            latest.CreatedAt = now;
            outcome = new SaveOutcome(latest.Number, NewVersion: false, Unchanged: false, hash);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw PlatformProblemException.Conflict("Someone saved this study at the same moment. Reload the builder and make your change again.");
        }
        return outcome;
    }

    /// <summary>Versions of a study the user manages, newest first.</summary>
    public async Task<IReadOnlyList<VersionSummary>> GetVersionsAsync(ClaimsPrincipal user, Guid studyId, CancellationToken ct = default)
    {
        var study = await access.GetManagedAsync(db, user, studyId, ct);
        return await db.StudyVersions.AsNoTracking().Where(v => v.StudyId == study.Id).OrderByDescending(v => v.Number)
            .Select(v => new VersionSummary(v.Number, v.ConfigHash, v.CreatedAt, db.Sessions.Count(s => s.StudyVersionId == v.Id)))
            .ToListAsync(ct);
    }

    /// <summary>The config of one version (404 problem when it does not exist).</summary>
    public async Task<StudyConfig> GetVersionConfigAsync(ClaimsPrincipal user, Guid studyId, int number, CancellationToken ct = default)
    {
        var study = await access.GetManagedAsync(db, user, studyId, ct);
        return ConfigHash.Parse(await VersionJsonAsync(study, number, ct));
    }

    /// <summary>What changed from version <paramref name="from"/> to version <paramref name="to"/>.</summary>
    public async Task<VersionDiff> DiffAsync(ClaimsPrincipal user, Guid studyId, int from, int to, CancellationToken ct = default)
    {
        var study = await access.GetManagedAsync(db, user, studyId, ct);
        var a = ConfigHash.Parse(await VersionJsonAsync(study, from, ct));
        var b = ConfigHash.Parse(await VersionJsonAsync(study, to, ct));
        return new VersionDiff(from, to, ConfigDiff.Compare(a, b));
    }

    private async Task<string> VersionJsonAsync(Study study, int number, CancellationToken ct) =>
        await db.StudyVersions.AsNoTracking().Where(v => v.StudyId == study.Id && v.Number == number).Select(v => v.ConfigJson).SingleOrDefaultAsync(ct)
        ?? throw new PlatformProblemException(404, "Version not found", $"Study '{study.Slug}' has no version {number}.");

    private Task<StudyVersion> LatestAsync(Guid studyId, CancellationToken ct) =>
        db.StudyVersions.AsNoTracking().Where(v => v.StudyId == studyId).OrderByDescending(v => v.Number).FirstAsync(ct);

    private async Task<bool> InUseAsync(Study study, StudyVersion latest, CancellationToken ct) =>
        study.Status != StudyStatus.Draft || await db.Sessions.AnyAsync(s => s.StudyVersionId == latest.Id, ct);

    // The config's problems by field, its decoding checked against each model's context window too.
    private async Task<Dictionary<string, string[]>> ProblemsAsync(StudyConfig config, CancellationToken ct)
    {
        var errors = (await StudyConfigProblems.FindAsync(config, catalog, stimuli, ct)).ToDictionary(p => p.Key, p => p.Value.ToList());
        foreach (var (field, message) in DecodingProblems.Find(config, catalog, gateway.ContextOf))
        {
            if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
            if (!list.Contains(message)) list.Add(message);
        }
        return errors.ToDictionary(p => p.Key, p => p.Value.ToArray());
    }

    private static PlatformProblemException Invalid(string what, IReadOnlyDictionary<string, string[]> errors)
    {
        var count = errors.Sum(e => e.Value.Length);
        return PlatformProblemException.BadInput($"{what}: {count} problem{(count == 1 ? "" : "s")} to fix first.", errors);
    }

    private static string TitleOf(string configJson) =>
        JsonNode.Parse(configJson)?["title"]?.GetValue<string>() ?? "";

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();
}
