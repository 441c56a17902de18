using InteractionLab.Api.Data;
using Microsoft.EntityFrameworkCore.Storage;

namespace InteractionLab.Api.Annotation.Queue;

/// <summary>
/// The provider-specific part of handing out items: how a transaction serialises against other annotators and how
/// one open item is claimed. PostgreSQL locks the annotator's row and claims an item with
/// <c>FOR UPDATE SKIP LOCKED</c>, so many annotators take different items at once; SQLite serialises every hand-out
/// with an immediate (write-locking) transaction. Either way, the (item, annotator) unique index is the last word.
/// </summary>
public interface IItemPicker
{
    /// <summary>Begins the hand-out transaction and holds this annotator's lock (one hand-out per annotator at a time).</summary>
    Task<IDbContextTransaction> BeginAsync(PlatformDbContext db, Guid annotatorId, CancellationToken ct);

    /// <summary>
    /// Claims (locks) the open regular item with queue rank <paramref name="rank"/> and the smallest ring position in
    /// [<paramref name="from"/>, <paramref name="to"/>) that <paramref name="annotatorId"/> holds no assignment of
    /// (an expired one of their own aside); null when there is none.
    /// </summary>
    Task<long?> ClaimAsync(PlatformDbContext db, Guid projectId, Guid annotatorId, int rank, int from, int to, CancellationToken ct);
}
