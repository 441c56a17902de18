using InteractionLab.Api.Data;
using Microsoft.EntityFrameworkCore.Storage;

namespace InteractionLab.Api.Annotation.Queue;

/// <summary>
/// The provider-specific part of handing out items: how a transaction serialises against other annotators and how
/// one open regular item is claimed and leased. PostgreSQL locks the annotator's row and claims and leases an item in
/// one statement with <c>FOR UPDATE SKIP LOCKED</c>, so many annotators take different items at once; SQLite
/// serialises every hand-out with an immediate (write-locking) transaction. Either way, the (item, annotator) unique
/// index is the last word.
/// </summary>
public interface IItemPicker
{
    /// <summary>Begins the hand-out transaction and holds this annotator's lock (one hand-out per annotator at a time).</summary>
    Task<IDbContextTransaction> BeginAsync(PlatformDbContext db, Guid annotatorId, CancellationToken ct);

    /// <summary>
    /// Claims the open regular item closest to completion (smallest queue rank), first from the annotator's offset to
    /// the end of the ring, then from the start to the offset, that the annotator holds no assignment of (an expired
    /// one of their own aside), and leases it: one more slot taken, the annotator's count served, the assignment made
    /// or renewed. Null when there is none.
    /// </summary>
    Task<LeasedItem?> LeaseRegularAsync(PlatformDbContext db, RegularLease lease, CancellationToken ct);
}
