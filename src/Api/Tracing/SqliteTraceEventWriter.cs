using InteractionLab.Api.Sessions;
using InteractionLab.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace InteractionLab.Api.Tracing;

/// <summary>
/// SQLite writer for the embedded default: one write transaction per batch (SQLite has one writer at a time, which also
/// makes id order commit order). Each event is looked up by (session, instance, sequence); new ones get sequence numbers
/// from the session's counter and are inserted with a prepared statement re-bound per event; then the session's
/// last-seen time and watermark move. Values are written in the representation EF Core uses for this provider
/// (upper-case GUID text, binary dates).
/// </summary>
public sealed class SqliteTraceEventWriter(string connectionString) : ITraceEventWriter
{
    private static readonly DateTimeOffsetToBinaryConverter Dates = new();

    /// <inheritdoc />
    public async Task<TraceWriteResult> WriteClientEventsAsync(SessionId session, Guid instance, IReadOnlyList<TraceEventRow> rows, DateTimeOffset serverTime, CancellationToken ct)
    {
        var sessionText = session.Value.ToString().ToUpperInvariant();
        var instanceText = instance.ToString().ToUpperInvariant();
        var when = (long)Dates.ConvertToProvider(serverTime.ToUniversalTime())!;
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        // IMMEDIATE: the write lock is taken now, so the lookups below see every event another writer stored.
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);

        var stored = new List<long>(rows.Count);
        var fresh = new List<TraceEventRow>(rows.Count);
        await using (var find = connection.CreateCommand())
        {
            find.Transaction = tx;
            find.CommandText = """
                SELECT "Type", "ClientTimeMs", "Payload", "OriginalPayload" FROM "TraceEvents"
                WHERE "SessionId" = $s AND "ClientInstance" = $i AND "ClientSequence" = $seq
                """;
            find.Parameters.AddWithValue("$s", sessionText);
            find.Parameters.AddWithValue("$i", instanceText);
            var seq = find.Parameters.Add("$seq", SqliteType.Integer);
            find.Prepare();
            foreach (var row in rows)
            {
                seq.Value = row.Sequence;
                await using var reader = await find.ExecuteReaderAsync(ct);
                if (!await reader.ReadAsync(ct)) fresh.Add(row);
                else if (row.SameContent(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetInt64(1), reader.GetString(2),
                             reader.IsDBNull(3) ? null : reader.GetString(3)))
                    stored.Add(row.Sequence);
            }
        }

        long last = 0;
        if (fresh.Count > 0)
        {
            last = await SessionCounters.ReserveClientEventsAsync(connection, tx, sessionText, fresh.Count, ct);
            await using var insert = connection.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = """
                INSERT INTO "TraceEvents" ("SessionId", "Origin", "Sequence", "ClientInstance", "ClientSequence", "ClientTimeMs",
                  "ServerTime", "Type", "Payload", "PayloadIssue", "OriginalPayload", "TransactionId")
                VALUES ($s, 'Client', $n, $i, $seq, $ms, $at, $type, $payload, $issue, $original, 0)
                """;
            insert.Parameters.AddWithValue("$s", sessionText);
            insert.Parameters.AddWithValue("$i", instanceText);
            insert.Parameters.AddWithValue("$at", when);
            var n = insert.Parameters.Add("$n", SqliteType.Integer);
            var seq = insert.Parameters.Add("$seq", SqliteType.Integer);
            var ms = insert.Parameters.Add("$ms", SqliteType.Integer);
            var type = insert.Parameters.Add("$type", SqliteType.Text);
            var payload = insert.Parameters.Add("$payload", SqliteType.Text);
            var issue = insert.Parameters.Add("$issue", SqliteType.Text);
            var original = insert.Parameters.Add("$original", SqliteType.Text);
            insert.Prepare();
            var next = last - fresh.Count + 1;
            foreach (var row in fresh)
            {
                n.Value = next++;
                seq.Value = row.Sequence;
                ms.Value = (object?)row.ClientTimeMs ?? DBNull.Value;
                type.Value = row.Type;
                payload.Value = row.Payload;
                issue.Value = (object?)row.PayloadIssue ?? DBNull.Value;
                original.Value = (object?)row.OriginalPayload ?? DBNull.Value;
                await insert.ExecuteNonQueryAsync(ct);
                stored.Add(row.Sequence);
            }
        }

        await using (var update = connection.CreateCommand())
        {
            update.Transaction = tx;
            update.CommandText = """
                UPDATE "Sessions" SET "ClientSequenceWatermark" = max("ClientSequenceWatermark", $w), "LastSeenAt" = max("LastSeenAt", $at)
                WHERE "Id" = $s
                """;
            update.Parameters.AddWithValue("$w", last);
            update.Parameters.AddWithValue("$at", when);
            update.Parameters.AddWithValue("$s", sessionText);
            if (await update.ExecuteNonQueryAsync(ct) == 0) throw PlatformProblemException.SessionNotFound();
        }
        await tx.CommitAsync(ct);
        return new TraceWriteResult(stored, fresh.Count);
    }
}
