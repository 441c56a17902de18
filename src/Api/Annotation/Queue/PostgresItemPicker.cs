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
    public async Task<LeasedItem?> LeaseRegularAsync(PlatformDbContext db, RegularLease lease, CancellationToken ct)
    {
        // One round trip. "wanted" lists the searches in order — rank 1 from the offset, rank 1 before it, rank 2 … —
        // and the lateral probe runs per search only until one finds an item (LIMIT 1 on a nested loop over the sorted
        // list), each probe an index range scan on (ProjectId, QueueRank, Shuffle). SKIP LOCKED passes over items
        // another annotator is claiming this instant, and the WHERE is re-checked on the locked row, so a slot taken
        // meanwhile is not reused. The three writes then see the claimed row: a slot taken (rank recomputed as in
        // Slots), the annotator's count served, the assignment inserted or (their own expired lease) renewed.
        var (projectId, annotatorId, k, offset, ring) = (lease.ProjectId, lease.AnnotatorId, lease.RatersPerItem, lease.Offset, lease.Ring);
        var rows = await db.Database.SqlQuery<LeasedItem>($"""
            WITH wanted AS (
              SELECT r.rank, h.half FROM generate_series(1, {k}) AS r(rank) CROSS JOIN (VALUES (0), (1)) AS h(half) ORDER BY r.rank, h.half
            ), pick AS (
              SELECT c."Id" FROM wanted CROSS JOIN LATERAL (
                SELECT i."Id" FROM "AnnotationItems" AS i
                WHERE i."ProjectId" = {projectId} AND i."QueueRank" = wanted.rank
                  AND i."Shuffle" >= CASE WHEN wanted.half = 0 THEN {offset} ELSE 0 END
                  AND i."Shuffle" < CASE WHEN wanted.half = 0 THEN {ring} ELSE {offset} END
                  AND NOT EXISTS (SELECT 1 FROM "AnnotationAssignments" AS a
                                  WHERE a."ItemId" = i."Id" AND a."AnnotatorId" = {annotatorId} AND a."Status" <> 'Expired')
                ORDER BY i."Shuffle"
                LIMIT 1
                FOR UPDATE OF i SKIP LOCKED) AS c
              LIMIT 1
            ), item AS (
              UPDATE "AnnotationItems" AS i SET "Taken" = i."Taken" + 1,
                "QueueRank" = CASE WHEN i."Taken" + 1 < {k} THEN {k} - i."Submitted" ELSE NULL END
              FROM pick WHERE i."Id" = pick."Id"
              RETURNING i."Id", i."PublicId", i."ContentJson"
            ), served AS (
              UPDATE "Annotators" AS n SET "Served" = n."Served" + 1 FROM item WHERE n."Id" = {annotatorId} RETURNING n."Served"
            ), leased AS (
              INSERT INTO "AnnotationAssignments"
                ("ProjectId", "ItemId", "AnnotatorId", "Status", "Position", "SidesSwapped", "LeasedAt", "LeaseExpiresAt", "ProjectConfigHash", "Flagged")
              SELECT {projectId}, item."Id", {annotatorId}, 'Leased', served."Served", FALSE, {lease.Now}, {lease.ExpiresAt}, {lease.ProjectConfigHash}, FALSE
              FROM item, served
              ON CONFLICT ("ItemId", "AnnotatorId") DO UPDATE SET "Status" = 'Leased', "Position" = EXCLUDED."Position", "SidesSwapped" = FALSE,
                "LeasedAt" = EXCLUDED."LeasedAt", "LeaseExpiresAt" = EXCLUDED."LeaseExpiresAt", "ProjectConfigHash" = EXCLUDED."ProjectConfigHash"
              RETURNING "Id", "Position", "LeaseExpiresAt", "DraftJson"
            )
            SELECT leased."Id" AS "AssignmentId", item."Id" AS "ItemId", item."PublicId", item."ContentJson"::text AS "ContentJson",
                   leased."Position", leased."LeaseExpiresAt", FALSE AS "SidesSwapped", leased."DraftJson"::text AS "DraftJson"
            FROM leased, item
            """).ToListAsync(ct);
        return rows.Count == 0 ? null : rows[0];
    }
}
