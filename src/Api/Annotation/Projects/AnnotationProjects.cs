using System.Security.Claims;
using System.Text.RegularExpressions;
using InteractionLab.Api.Annotation.Data;
using InteractionLab.Api.Annotation.Intake;
using InteractionLab.Api.Annotation.Queue;
using InteractionLab.Api.Audit;
using InteractionLab.Api.Data;
using InteractionLab.Api.Staff;
using InteractionLab.Domain.Annotation;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Annotation.Projects;

/// <summary>
/// Researchers' side of annotation projects: create (from a template or a config of their own), change, pause and
/// close them. Creating a project, or widening its filter, backfills items from the sessions completed so far.
/// Every change is audited. Each call uses its own context, so the admin pages can hold this for a whole circuit.
/// </summary>
public sealed partial class AnnotationProjects(IDbContextFactory<PlatformDbContext> contexts, IStudyAccess access, ItemIntake intake, AuditLog audit, TimeProvider time)
{
    /// <summary>Audit action names.</summary>
    public const string CreatedAction = "annotation.project-created", UpdatedAction = "annotation.project-updated", StatusAction = "annotation.project-status";

    /// <summary>The study's projects, newest first.</summary>
    public async Task<IReadOnlyList<AnnotationProjectView>> ListAsync(ClaimsPrincipal user, Guid studyId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await access.GetVisibleAsync(db, user, studyId, ct);
        var projects = await db.AnnotationProjects.AsNoTracking().Where(p => p.StudyId == studyId).OrderByDescending(p => p.CreatedAt).ToListAsync(ct);
        var views = new List<AnnotationProjectView>();
        foreach (var p in projects) views.Add(await ViewAsync(db, p, ct));
        return views;
    }

    /// <summary>One project of the study.</summary>
    public async Task<AnnotationProjectView> GetAsync(ClaimsPrincipal user, Guid studyId, Guid projectId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await access.GetVisibleAsync(db, user, studyId, ct);
        return await ViewAsync(db, await FindAsync(db, studyId, projectId, ct), ct);
    }

    /// <summary>Creates a project and backfills its items.</summary>
    public async Task<ProjectSaved> CreateAsync(ClaimsPrincipal user, Guid studyId, CreateAnnotationProject request, CancellationToken ct = default)
    {
        var config = request.Config ?? (request.Template is { } key
            ? AnnotationTemplates.Find(key)?.Config ?? throw PlatformProblemException.BadInput($"There is no template '{key}'.",
                new Dictionary<string, string[]> { ["template"] = [$"Unknown template; choose one of {string.Join(", ", AnnotationTemplates.All.Select(t => t.Key))}."] })
            : throw PlatformProblemException.BadInput("Give a template or a config.",
                new Dictionary<string, string[]> { ["config"] = ["A config or a template key is needed."] }));
        Validate(config);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var study = await access.GetManagedAsync(db, user, studyId, ct);
        var slug = await SlugAsync(db, request.Slug, config.Name, ct);
        var (json, hash) = ProjectConfigJson.Write(config);
        var now = time.GetUtcNow();
        var project = new AnnotationProject
        {
            StudyId = study.Id, Slug = slug, ConfigJson = json, ConfigHash = hash, CreatedBy = user.Identity?.Name ?? "unknown",
            CreatedAt = now, UpdatedAt = now,
        };
        db.AnnotationProjects.Add(project);
        audit.Record(db, user, CreatedAction, slug, study.Id, $"{config.Name}: {config.Target}, k = {config.RatersPerItem}, config {hash[..12]}");
        await db.SaveChangesAsync(ct);
        var added = await intake.BackfillAsync(project.Id, ct);
        return new ProjectSaved(await ViewAsync(db, project, ct), added);
    }

    /// <summary>Saves a new config; refused (409) when <paramref name="revision"/> is not the current one.</summary>
    public async Task<ProjectSaved> UpdateAsync(ClaimsPrincipal user, Guid studyId, Guid projectId, int revision, AnnotationProjectConfig config, CancellationToken ct = default)
    {
        Validate(config);
        await using var db = await contexts.CreateDbContextAsync(ct);
        await access.GetManagedAsync(db, user, studyId, ct);
        var project = await FindAsync(db, studyId, projectId, ct, tracked: true);
        if (project.Revision != revision) throw Stale(project.Revision);
        var before = ProjectConfigJson.Parse(project.ConfigJson);
        if (before.Target != config.Target && await db.AnnotationItems.AnyAsync(i => i.ProjectId == projectId, ct))
            throw PlatformProblemException.BadInput("A project with items cannot change what it rates; make a new project.",
                new Dictionary<string, string[]> { ["config.target"] = ["Fixed once items exist."] });
        (project.ConfigJson, project.ConfigHash) = ProjectConfigJson.Write(config);
        project.Revision++;
        project.UpdatedAt = time.GetUtcNow();
        audit.Record(db, user, UpdatedAction, project.Slug, studyId, $"revision {project.Revision}, config {project.ConfigHash[..12]}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Stale(revision + 1);
        }
        if (before.RatersPerItem != config.RatersPerItem) await Slots.RecountAsync(db, projectId, config.RatersPerItem, ct);
        var added = before.Filter != config.Filter ? await intake.BackfillAsync(projectId, ct) : 0;
        return new ProjectSaved(await ViewAsync(db, project, ct), added);
    }

    /// <summary>Opens, pauses or closes a project.</summary>
    public async Task<AnnotationProjectView> SetStatusAsync(ClaimsPrincipal user, Guid studyId, Guid projectId, AnnotationProjectStatus status, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await access.GetManagedAsync(db, user, studyId, ct);
        var project = await FindAsync(db, studyId, projectId, ct, tracked: true);
        if (project.Status == status) return await ViewAsync(db, project, ct);
        audit.Record(db, user, StatusAction, project.Slug, studyId, $"{project.Status} → {status}");
        project.Status = status;
        await db.SaveChangesAsync(ct);
        if (status == AnnotationProjectStatus.Open) await intake.BackfillAsync(projectId, ct);
        return await ViewAsync(db, project, ct);
    }

    /// <summary>A project of the study, or 404.</summary>
    internal static async Task<AnnotationProject> FindAsync(PlatformDbContext db, Guid studyId, Guid projectId, CancellationToken ct, bool tracked = false)
    {
        var query = tracked ? db.AnnotationProjects : db.AnnotationProjects.AsNoTracking();
        return await query.SingleOrDefaultAsync(p => p.Id == projectId && p.StudyId == studyId, ct)
            ?? throw new PlatformProblemException(404, "Project not found", "This study has no such annotation project.");
    }

    private static async Task<AnnotationProjectView> ViewAsync(PlatformDbContext db, AnnotationProject p, CancellationToken ct)
    {
        var config = ProjectConfigJson.Parse(p.ConfigJson);
        var byRole = await db.AnnotationItems.Where(i => i.ProjectId == p.Id).GroupBy(i => i.Role)
            .Select(g => new { g.Key, Count = g.Count(), Complete = g.Count(i => i.Submitted >= config.RatersPerItem) }).ToListAsync(ct);
        int Of(AnnotationItemRole role) => byRole.FirstOrDefault(r => r.Key == role)?.Count ?? 0;
        // Human ratings: an LM judge's are counted with its run.
        var ratings = await db.AnnotationAssignments.CountAsync(a => a.ProjectId == p.Id && a.Status == AssignmentStatus.Submitted
            && !db.Annotators.Any(n => n.Id == a.AnnotatorId && n.Kind == AnnotatorKind.Model), ct);
        var annotators = await db.Annotators.CountAsync(a => a.ProjectId == p.Id && a.Served > 0, ct);
        var complete = byRole.FirstOrDefault(r => r.Key == AnnotationItemRole.Regular)?.Complete ?? 0;
        return new AnnotationProjectView(p.Id, p.StudyId, p.Slug, p.Status, p.Revision, p.ConfigHash, config,
            new ProjectCounts(Of(AnnotationItemRole.Regular), complete, Of(AnnotationItemRole.Gold), Of(AnnotationItemRole.Qualification), ratings, annotators),
            p.CreatedBy, p.CreatedAt);
    }

    private static void Validate(AnnotationProjectConfig config)
    {
        var errors = AnnotationProjectValidator.Validate(config);
        if (errors.Count > 0)
            throw new PlatformProblemException(400, "The project needs changes", $"{errors.Count} field(s) need attention; nothing was saved.",
                errors.ToDictionary(e => "config." + e.Key, e => e.Value));
    }

    private static PlatformProblemException Stale(int current) => PlatformProblemException.Conflict(
        $"Someone else changed this project meanwhile (it is now at revision {current}). Reload it and make your change again.");

    private static async Task<string> SlugAsync(PlatformDbContext db, string? requested, string name, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(requested))
        {
            if (!SlugShape().IsMatch(requested))
                throw PlatformProblemException.BadInput("The link name may use lower-case letters, digits and dashes (2–64).",
                    new Dictionary<string, string[]> { ["slug"] = ["Use a-z, 0-9 and '-', 2 to 64 characters, starting with a letter or digit."] });
            if (await db.AnnotationProjects.AnyAsync(p => p.Slug == requested, ct))
                throw PlatformProblemException.Conflict($"The link name '{requested}' is taken; choose another.");
            return requested;
        }
        var stem = NonSlug().Replace(name.ToLowerInvariant(), "-").Trim('-');
        stem = stem.Length == 0 ? "project" : stem[..Math.Min(stem.Length, 40)];
        return $"{stem}-{Guid.NewGuid().ToString("N")[..6]}";
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,63}$")]
    private static partial Regex SlugShape();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonSlug();
}
