using InteractionLab.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace InteractionLab.Api.Annotation.Queue;

/// <summary>PostgreSQL: row locks, so concurrent annotators never wait for each other's items (see <see cref="IItemPicker"/>).</summary>
public sealed class PostgresItemPicker : IItemPicker
{
    /// <inheritdoc />
    public async Task<IDbContextTransaction> BeginAsync(PlatformDbContext db, Guid annotatorId, CancellationToken ct)
    {
        var tx = await db.Database.BeginTransactionAsync(ct);
        // Two tabs of one annotator asking at once take turns here, so they share one lease instead of holding two.
        await db.Database.SqlQuery<Guid>($"""SELECT "Id" AS "Value" FROM "Annotators" WHERE "Id" = {annotatorId} FOR UPDATE""").ToListAsync(ct);
        return tx;
    }

    /// <inheritdoc />
    public async Task<long?> ClaimAsync(PlatformDbContext db, Guid projectId, Guid annotatorId, int rank, int from, int to, CancellationToken ct)
    {
        // An index range scan on (ProjectId, QueueRank, Shuffle); SKIP LOCKED passes over items another annotator is
        // claiming this instant, and the WHERE is re-checked on the locked row, so a slot taken meanwhile is not reused.
        var ids = await db.Database.SqlQuery<long>($"""
            SELECT i."Id" AS "Value" FROM "AnnotationItems" AS i
            WHERE i."ProjectId" = {projectId} AND i."QueueRank" = {rank} AND i."Shuffle" >= {from} AND i."Shuffle" < {to}
              AND NOT EXISTS (SELECT 1 FROM "AnnotationAssignments" AS a
                              WHERE a."ItemId" = i."Id" AND a."AnnotatorId" = {annotatorId} AND a."Status" <> 'Expired')
            ORDER BY i."Shuffle"
            LIMIT 1
            FOR UPDATE OF i SKIP LOCKED
            """).ToListAsync(ct);
        return ids.Count == 0 ? null : ids[0];
    }
}
