using InteractionLab.Api.Annotation.Data;
using InteractionLab.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Annotation.Queue;

/// <summary>
/// Returns the slots of leases that ran out to the queue. Each lease is expired by a conditional update (status
/// still Leased), so when two servers expire at once only one of them gives the slot back.
/// </summary>
public static class LeaseExpiry
{
    /// <summary>Expires the project's leases older than <paramref name="now"/>; returns how many.</summary>
    public static async Task<int> ExpireAsync(PlatformDbContext db, Guid projectId, int ratersPerItem, DateTimeOffset now, CancellationToken ct)
    {
        var stale = await db.AnnotationAssignments.AsNoTracking()
            .Where(a => a.ProjectId == projectId && a.Status == AssignmentStatus.Leased && a.LeaseExpiresAt < now)
            .OrderBy(a => a.Id).Select(a => new { a.Id, a.ItemId }).Take(500).ToListAsync(ct);
        var expired = 0;
        foreach (var lease in stale)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var changed = await db.AnnotationAssignments.Where(a => a.Id == lease.Id && a.Status == AssignmentStatus.Leased)
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.Status, AssignmentStatus.Expired), ct);
            if (changed == 1)
            {
                await Slots.ReleaseAsync(db, lease.ItemId, ratersPerItem, ct);
                expired++;
            }
            await tx.CommitAsync(ct);
        }
        return expired;
    }
}
