using System.Security.Claims;
using InteractionLab.Api.Annotation.Data;
using InteractionLab.Api.Data;
using InteractionLab.Api.Sessions;
using InteractionLab.Domain.Annotation;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Annotation.Annotators;

/// <summary>
/// Who rates: a staff account gets one pseudonymous annotator per project the first time it asks; a crowd worker
/// arrives by the project's link with the same recruitment parameters as a study (Prolific's PROLIFIC_PID /
/// STUDY_ID / SESSION_ID, MTurk's workerId / assignmentId / hitId, checked by the same rules) and keeps one
/// annotator per project: the same submission resumes, another submission of the same worker is refused.
/// </summary>
public sealed class AnnotatorDirectory(IDbContextFactory<PlatformDbContext> contexts, TimeProvider time)
{
    /// <summary>Open projects (staff access) with what this staff member has done in each.</summary>
    public async Task<IReadOnlyList<StaffProjectView>> ProjectsForStaffAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var userId = UserId(user);
        var projects = await db.AnnotationProjects.AsNoTracking().Where(p => p.Status == AnnotationProjectStatus.Open).OrderBy(p => p.CreatedAt).ToListAsync(ct);
        var mine = await db.Annotators.AsNoTracking().Where(a => a.StaffUserId == userId)
            .Select(a => new { a.ProjectId, Done = db.AnnotationAssignments.Count(s => s.AnnotatorId == a.Id && s.Status == AssignmentStatus.Submitted) })
            .ToDictionaryAsync(a => a.ProjectId, a => a.Done, ct);
        return projects.Select(p => (p, c: ProjectConfigJson.Parse(p.ConfigJson)))
            .Where(x => x.c.Access != AnnotatorAccess.Crowd)
            .Select(x => new StaffProjectView(x.p.Id, x.c.Name, x.c.RatersPerItem, mine.GetValueOrDefault(x.p.Id))).ToList();
    }

    /// <summary>The staff member's annotator in the project (made on first use).</summary>
    public async Task<Guid> ForStaffAsync(ClaimsPrincipal user, Guid projectId, CancellationToken ct = default)
    {
        var userId = UserId(user);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var project = await db.AnnotationProjects.AsNoTracking().SingleOrDefaultAsync(p => p.Id == projectId, ct)
            ?? throw new PlatformProblemException(404, "Project not found", "There is no such annotation project.");
        if (ProjectConfigJson.Parse(project.ConfigJson).Access == AnnotatorAccess.Crowd)
            throw new PlatformProblemException(403, "Not allowed", "This project is rated by crowd workers only.");
        if (await db.Annotators.Where(a => a.ProjectId == projectId && a.StaffUserId == userId).Select(a => (Guid?)a.Id).SingleOrDefaultAsync(ct) is { } id)
            return id;
        var annotator = new Annotator { ProjectId = projectId, Kind = AnnotatorKind.Staff, StaffUserId = userId, CreatedAt = time.GetUtcNow() };
        db.Annotators.Add(annotator);
        try
        {
            await db.SaveChangesAsync(ct);
            return annotator.Id;
        }
        catch (DbUpdateException)
        {
            // The same person in two tabs: the other request made the annotator first.
            await using var again = await contexts.CreateDbContextAsync(ct);
            return await again.Annotators.Where(a => a.ProjectId == projectId && a.StaffUserId == userId).Select(a => a.Id).SingleAsync(ct);
        }
    }

    /// <summary>What a crowd worker sees before starting: the project's name, guidelines and whether it takes workers.</summary>
    public async Task<CrowdLanding> LandingAsync(string slug, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var project = await BySlugAsync(db, slug, ct);
        var config = ProjectConfigJson.Parse(project.ConfigJson);
        return new CrowdLanding(project.Slug, config.Name, config.Guidelines, project.Status == AnnotationProjectStatus.Open && config.Access != AnnotatorAccess.Staff,
            config.CapPerAnnotator);
    }

    /// <summary>
    /// The crowd worker's annotator: the one their cookie names, or the one of the same worker and submission, or a new one.
    /// </summary>
    public async Task<Guid> StartCrowdAsync(string slug, ParticipantLink link, Guid? fromCookie, CancellationToken ct = default)
    {
        var problems = link.Problems();
        if (problems.Count > 0) throw PlatformProblemException.BadInput("The link is malformed: " + string.Join(" ", problems));
        if (link.MTurk.IsPreview)
            throw new PlatformProblemException(409, ParticipantSessionService.PreviewTitle, "You are previewing this HIT. Accept it on MTurk to start; nothing was recorded.");
        await using var db = await contexts.CreateDbContextAsync(ct);
        var project = await BySlugAsync(db, slug, ct);
        if (fromCookie is { } cookie && await db.Annotators.AnyAsync(a => a.Id == cookie && a.ProjectId == project.Id, ct)) return cookie;
        if (link.Worker is { } worker)
        {
            var known = await db.Annotators.AsNoTracking()
                .SingleOrDefaultAsync(a => a.ProjectId == project.Id && a.Source == worker.Source && a.ExternalWorkerId == worker.WorkerId, ct);
            if (known is not null)
                return worker.SubmissionId is not null && worker.SubmissionId == known.ExternalSessionId ? known.Id
                    : throw (known.FinishedAt is null ? PlatformProblemException.AlreadyTakenPart() : PlatformProblemException.AlreadyCompleted());
        }
        var config = ProjectConfigJson.Parse(project.ConfigJson);
        if (project.Status != AnnotationProjectStatus.Open || config.Access == AnnotatorAccess.Staff)
            throw new PlatformProblemException(409, ParticipantSessionService.NotOpenTitle, "This rating task is not taking workers at the moment.");
        var annotator = new Annotator
        {
            ProjectId = project.Id, Kind = AnnotatorKind.Crowd, Source = link.Worker?.Source, ExternalWorkerId = link.Worker?.WorkerId,
            ExternalStudyId = link.Worker?.StudyId, ExternalSessionId = link.Worker?.SubmissionId, CreatedAt = time.GetUtcNow(),
        };
        db.Annotators.Add(annotator);
        await db.SaveChangesAsync(ct);
        return annotator.Id;
    }

    /// <summary>The project a crowd annotator belongs to, by its link name; 404 when the annotator is not of it.</summary>
    public async Task<Guid> CrowdAnnotatorAsync(string slug, Guid annotatorId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var project = await BySlugAsync(db, slug, ct);
        return await db.Annotators.AnyAsync(a => a.Id == annotatorId && a.ProjectId == project.Id && a.Kind == AnnotatorKind.Crowd, ct)
            ? annotatorId : throw new PlatformProblemException(404, "Not found", "Open the link you were given again.");
    }

    private static async Task<AnnotationProject> BySlugAsync(PlatformDbContext db, string slug, CancellationToken ct) =>
        await db.AnnotationProjects.AsNoTracking().SingleOrDefaultAsync(p => p.Slug == slug, ct)
        ?? throw new PlatformProblemException(404, "Not found", $"There is no rating task '{slug}'. Check the link you were given.");

    private static Guid UserId(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id
        : throw new PlatformProblemException(401, "Sign-in required", "Sign in to the admin area first.");
}

/// <summary>A project a staff annotator can work on.</summary>
/// <param name="Id">Project id.</param>
/// <param name="Name">Its name.</param>
/// <param name="RatersPerItem">k.</param>
/// <param name="Done">Items this person rated in it.</param>
public sealed record StaffProjectView(Guid Id, string Name, int RatersPerItem, int Done);

/// <summary>The crowd link's landing page.</summary>
/// <param name="Slug">Link name.</param>
/// <param name="Name">Project name.</param>
/// <param name="Guidelines">Its guidelines.</param>
/// <param name="Open">Whether workers can start.</param>
/// <param name="BatchSize">Items per worker, if capped.</param>
public sealed record CrowdLanding(string Slug, string Name, string Guidelines, bool Open, int? BatchSize);
