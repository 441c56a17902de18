using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InteractionLab.Api.Data;

/// <summary>Marks the <see cref="ICommitOrdered.TransactionId"/> column of an exported record (see <see cref="PlatformDbContext"/>).</summary>
public static class CommitOrder
{
    /// <summary>Model annotation name.</summary>
    public const string Annotation = "InteractionLab:CommitOrder";

    /// <summary>
    /// What PostgreSQL fills the column with on insert: the inserting transaction's id. <c>xid8</c> goes through text
    /// because it has no cast to bigint; 64-bit transaction ids never reach bigint's limit.
    /// </summary>
    public const string PostgresDefault = "(pg_current_xact_id()::text)::bigint";

    /// <summary>
    /// Marks the property. On PostgreSQL it gets the default above and a BRIN index: rows are appended roughly in
    /// transaction order, so a block-range summary finds a pull's recent rows at a fraction of a B-tree's cost on every
    /// insert (ingest is the hot path; a pull orders its few rows by id itself).
    /// </summary>
    public static void HasCommitOrder<T>(this EntityTypeBuilder<T> entity) where T : class, ICommitOrdered =>
        entity.Property(e => e.TransactionId).HasAnnotation(Annotation, true);
}
