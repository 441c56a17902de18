using System.Security.Claims;
using InteractionLab.Api.Annotation.Data;
using InteractionLab.Api.Annotation.Projects;
using InteractionLab.Api.Annotation.Queue;
using InteractionLab.Api.Audit;
using InteractionLab.Api.Data;
using InteractionLab.Api.Staff;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Annotation.Annotators;

/// <summary>
/// Excluding an annotator: their ratings stay (flagged in raw exports) but leave every aggregate — alpha, consensus,
/// review, quality of the others — and the items they rated need another rater, so the item counters are recounted
/// and those items return to the queue. Audited; reversible.
/// </summary>
public sealed class AnnotatorExclusion(IDbContextFactory<PlatformDbContext> contexts, IStudyAccess access, AuditLog audit, TimeProvider time)
{
    /// <summary>Audit action.</summary>
    public const string Action = "annotation.annotator-excluded";

    /// <summary>Excludes (or lets back in) an annotator of a project.</summary>
    public async Task SetAsync(ClaimsPrincipal user, Guid studyId, Guid projectId, Guid annotatorId, AnnotatorExclusionChange change, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await access.GetManagedAsync(db, user, studyId, ct);
        var project = await AnnotationProjects.FindAsync(db, studyId, projectId, ct);
        var annotator = await db.Annotators.SingleOrDefaultAsync(a => a.Id == annotatorId && a.ProjectId == projectId, ct)
            ?? throw new PlatformProblemException(404, "Annotator not found", "This project has no such annotator.");
        if (change.Note is { Length: > 2000 })
            throw PlatformProblemException.BadInput("The note is limited to 2000 characters.", new Dictionary<string, string[]> { ["note"] = ["At most 2000 characters."] });
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        annotator.Excluded = change.Excluded;
        annotator.ExclusionNote = change.Excluded ? change.Note : null;
        annotator.ExcludedAt = change.Excluded ? time.GetUtcNow() : null;
        // Whatever they hold now goes back at once (the recount frees its slot; expiring it later must not free it twice).
        if (change.Excluded)
            await db.AnnotationAssignments.Where(a => a.AnnotatorId == annotatorId && a.Status == AssignmentStatus.Leased)
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.Status, AssignmentStatus.Expired), ct);
        audit.Record(db, user, change.Excluded ? Action : "annotation.annotator-included", project.Slug, studyId,
            $"annotator {annotatorId}" + (change.Note is { Length: > 0 } note ? $": {note}" : ""));
        await db.SaveChangesAsync(ct);
        await Slots.RecountAsync(db, projectId, ProjectConfigJson.Parse(project.ConfigJson).RatersPerItem, ct);
        await tx.CommitAsync(ct);
    }
}

/// <summary>Body of an exclusion change.</summary>
/// <param name="Excluded">True to exclude, false to let the annotator back in.</param>
/// <param name="Note">Why (kept with the annotator and in the audit log).</param>
public sealed record AnnotatorExclusionChange(bool Excluded, string? Note = null);
