using InteractionLab.Api.Annotation.Data;
using InteractionLab.Api.Annotation.Intake;
using InteractionLab.Api.Data;
using InteractionLab.Domain.Annotation;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Annotation.Queue;

/// <summary>Leases an item with tracked entities: gold and qualification items on every provider, regular items on SQLite.</summary>
public static class ItemLease
{
    /// <summary>Counts the hand-out, makes or renews the annotator's assignment of <paramref name="item"/> and saves everything tracked.</summary>
    public static async Task<LeasedItem> LeaseAsync(PlatformDbContext db, Guid projectId, string projectConfigHash, Annotator annotator, AnnotationItem item,
        DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken ct)
    {
        annotator.Served++;
        // A lease of their own that ran out is taken up again (the unique index allows one row per item and annotator).
        var assignment = await db.AnnotationAssignments.SingleOrDefaultAsync(a => a.ItemId == item.Id && a.AnnotatorId == annotator.Id, ct);
        if (assignment is null)
        {
            assignment = new AnnotationAssignment { ProjectId = projectId, ItemId = item.Id, AnnotatorId = annotator.Id, ProjectConfigHash = projectConfigHash };
            db.AnnotationAssignments.Add(assignment);
        }
        assignment.Status = AssignmentStatus.Leased;
        assignment.Position = annotator.Served;
        assignment.ProjectConfigHash = projectConfigHash;
        assignment.SidesSwapped = ItemFactory.ContentOf(item).IsPair && AnnotatorShuffle.SwapSides(annotator.Id, item.PublicId);
        assignment.LeasedAt = now;
        assignment.LeaseExpiresAt = expiresAt;
        await db.SaveChangesAsync(ct);
        return new LeasedItem
        {
            AssignmentId = assignment.Id, ItemId = item.Id, PublicId = item.PublicId, ContentJson = item.ContentJson, Position = assignment.Position,
            LeaseExpiresAt = assignment.LeaseExpiresAt, SidesSwapped = assignment.SidesSwapped, DraftJson = assignment.DraftJson,
        };
    }
}
