using InteractionLab.Api.Annotation.Data;
using InteractionLab.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace InteractionLab.Api.Annotation.Queue;

/// <summary>
/// SQLite: the transaction is IMMEDIATE (Microsoft.Data.Sqlite's default), so it takes the database's write lock at
/// the start and hand-outs run one after the other; the choice itself is a plain query (see <see cref="IItemPicker"/>).
/// </summary>
public sealed class SqliteItemPicker : IItemPicker
{
    /// <inheritdoc />
    public Task<IDbContextTransaction> BeginAsync(PlatformDbContext db, Guid annotatorId, CancellationToken ct) =>
        db.Database.BeginTransactionAsync(ct);

    /// <inheritdoc />
    public async Task<long?> ClaimAsync(PlatformDbContext db, Guid projectId, Guid annotatorId, int rank, int from, int to, CancellationToken ct) =>
        await db.AnnotationItems
            .Where(i => i.ProjectId == projectId && i.QueueRank == rank && i.Shuffle >= from && i.Shuffle < to
                && !db.AnnotationAssignments.Any(a => a.ItemId == i.Id && a.AnnotatorId == annotatorId && a.Status != AssignmentStatus.Expired))
            .OrderBy(i => i.Shuffle).Select(i => (long?)i.Id).FirstOrDefaultAsync(ct);
}
