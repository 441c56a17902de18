namespace InteractionLab.Api.Data;

/// <summary>
/// A record that incremental exports hand out in commit order (<see cref="Exports.ExportCursor"/>): its id and the
/// database transaction that wrote it.
/// </summary>
public interface ICommitOrdered
{
    /// <summary>Primary key (orders the records of one transaction).</summary>
    long Id { get; }

    /// <summary>
    /// PostgreSQL: the id (<c>xid8</c>) of the transaction that inserted the record, set by the database. Ids are handed
    /// out at insert but transactions commit in any order, so an export cursor on <see cref="Id"/> skips a record that
    /// commits after one with a higher id; one on this value, read only below the oldest running transaction, cannot.
    /// SQLite: 0 (one writer at a time, so id order is commit order there).
    /// </summary>
    long TransactionId { get; }
}
