using InteractionLab.Api.Annotation.Data;
using InteractionLab.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Annotation.Queue;

/// <summary>
/// The item counters behind the queue, changed by relative updates (atomic on both providers) and the queue rank
/// recomputed in the same statement: k − submitted while a slot is free, else null. Gold and qualification items
/// have no rank: they are not shared out k at a time.
/// </summary>
public static class Slots
{
    /// <summary>A lease ended without a rating (skipped or expired): its slot is free again.</summary>
    public static Task<int> ReleaseAsync(PlatformDbContext db, long itemId, int k, CancellationToken ct) =>
        db.AnnotationItems.Where(i => i.Id == itemId).ExecuteUpdateAsync(u => u
            .SetProperty(i => i.Taken, i => i.Taken - 1)
            .SetProperty(i => i.QueueRank, i => i.Role == AnnotationItemRole.Regular && i.Taken - 1 < k ? k - i.Submitted : (int?)null), ct);

    /// <summary>A lease became a rating: one more submitted, the slot stays taken.</summary>
    public static Task<int> SubmitAsync(PlatformDbContext db, long itemId, int k, CancellationToken ct) =>
        db.AnnotationItems.Where(i => i.Id == itemId).ExecuteUpdateAsync(u => u
            .SetProperty(i => i.Submitted, i => i.Submitted + 1)
            .SetProperty(i => i.QueueRank, i => i.Role == AnnotationItemRole.Regular && i.Taken < k ? k - (i.Submitted + 1) : (int?)null), ct);

    /// <summary>
    /// Takes a slot again for a lease that had expired, if one is still free (1) or not (0); gold and qualification
    /// items always have room.
    /// </summary>
    public static Task<int> RetakeAsync(PlatformDbContext db, long itemId, int k, CancellationToken ct) =>
        db.AnnotationItems.Where(i => i.Id == itemId && (i.Role != AnnotationItemRole.Regular || i.Taken < k)).ExecuteUpdateAsync(u => u
            .SetProperty(i => i.Taken, i => i.Taken + 1)
            .SetProperty(i => i.QueueRank, i => i.Role == AnnotationItemRole.Regular && i.Taken + 1 < k ? k - i.Submitted : (int?)null), ct);

    /// <summary>Recounts a project's items from the assignments of annotators who are not excluded (after an exclusion or a change of k).</summary>
    public static async Task RecountAsync(PlatformDbContext db, Guid projectId, int k, CancellationToken ct)
    {
        var counted = db.AnnotationAssignments.Where(a => a.ProjectId == projectId
            && !db.Annotators.Any(n => n.Id == a.AnnotatorId && n.Excluded));
        await db.AnnotationItems.Where(i => i.ProjectId == projectId).ExecuteUpdateAsync(u => u
            .SetProperty(i => i.Submitted, i => counted.Count(a => a.ItemId == i.Id && a.Status == AssignmentStatus.Submitted))
            .SetProperty(i => i.Taken, i => counted.Count(a => a.ItemId == i.Id && (a.Status == AssignmentStatus.Submitted || a.Status == AssignmentStatus.Leased))), ct);
        await db.AnnotationItems.Where(i => i.ProjectId == projectId).ExecuteUpdateAsync(u => u
            .SetProperty(i => i.QueueRank, i => i.Role == AnnotationItemRole.Regular && i.Taken < k ? k - i.Submitted : (int?)null), ct);
    }
}
