using InteractionLab.Api.Annotation.Data;
using InteractionLab.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace InteractionLab.Api.Annotation.Queue;

/// <summary>
/// SQLite: the transaction is IMMEDIATE (Microsoft.Data.Sqlite's default), so it takes the database's write lock at
/// the start and hand-outs run one after the other; the choice is a plain query per search and the lease the tracked
/// entities' (<see cref="ItemLease"/>), as for gold items (see <see cref="IItemPicker"/>).
/// </summary>
public sealed class SqliteItemPicker : IItemPicker
{
    /// <inheritdoc />
    public Task<IDbContextTransaction> BeginAsync(PlatformDbContext db, Guid annotatorId, CancellationToken ct) =>
        db.Database.BeginTransactionAsync(ct);

    /// <inheritdoc />
    public async Task<LeasedItem?> LeaseRegularAsync(PlatformDbContext db, RegularLease lease, CancellationToken ct)
    {
        for (var rank = 1; rank <= lease.RatersPerItem; rank++)
            foreach (var (from, to) in new[] { (lease.Offset, lease.Ring), (0, lease.Offset) })
            {
                var item = await db.AnnotationItems
                    .Where(i => i.ProjectId == lease.ProjectId && i.QueueRank == rank && i.Shuffle >= from && i.Shuffle < to
                        && !db.AnnotationAssignments.Any(a => a.ItemId == i.Id && a.AnnotatorId == lease.AnnotatorId && a.Status != AssignmentStatus.Expired))
                    .OrderBy(i => i.Shuffle).FirstOrDefaultAsync(ct);
                if (item is null) continue;
                item.Taken++;
                item.QueueRank = item.Taken < lease.RatersPerItem ? lease.RatersPerItem - item.Submitted : null;
                var annotator = await db.Annotators.SingleAsync(a => a.Id == lease.AnnotatorId, ct);
                return await ItemLease.LeaseAsync(db, lease.ProjectId, lease.ProjectConfigHash, annotator, item, lease.Now, lease.ExpiresAt, ct);
            }
        return null;
    }
}
