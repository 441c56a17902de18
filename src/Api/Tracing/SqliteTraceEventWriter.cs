using InteractionLab.Domain;
using InteractionLab.Domain.Tracing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace InteractionLab.Api.Tracing;

/// <summary>
/// SQLite writer for the embedded default: one transaction per batch with a prepared <c>INSERT OR IGNORE</c>
/// re-bound per event, then the watermark walk and session update in the same transaction. Values are
/// written in the representation EF Core uses for this provider (upper-case GUID text, binary dates).
/// </summary>
public sealed class SqliteTraceEventWriter(string connectionString) : ITraceEventWriter
{
    private static readonly DateTimeOffsetToBinaryConverter Dates = new();

    /// <inheritdoc />
    public async Task<TraceWriteResult> WriteClientEventsAsync(SessionId session, IReadOnlyList<TraceEventRow> rows, DateTimeOffset serverTime, CancellationToken ct)
    {
        var sessionText = session.Value.ToString().ToUpperInvariant();
        var when = (long)Dates.ConvertToProvider(serverTime.ToUniversalTime())!;
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);

        long watermark;
        await using (var read = connection.CreateCommand())
        {
            read.Transaction = tx;
            read.CommandText = """SELECT "ClientSequenceWatermark" FROM "Sessions" WHERE "Id" = $s""";
            read.Parameters.AddWithValue("$s", sessionText);
            watermark = await read.ExecuteScalarAsync(ct) is long w ? w : throw PlatformProblemException.SessionNotFound();
        }

        var inserted = 0;
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = tx;
            insert.CommandText = """
                INSERT OR IGNORE INTO "TraceEvents" ("SessionId", "Origin", "Sequence", "ClientTimeMs", "ServerTime", "Type", "Payload")
                VALUES ($s, 'Client', $seq, $ms, $at, $type, $payload)
                """;
            insert.Parameters.AddWithValue("$s", sessionText);
            insert.Parameters.AddWithValue("$at", when);
            var seq = insert.Parameters.Add("$seq", SqliteType.Integer);
            var ms = insert.Parameters.Add("$ms", SqliteType.Integer);
            var type = insert.Parameters.Add("$type", SqliteType.Text);
            var payload = insert.Parameters.Add("$payload", SqliteType.Text);
            insert.Prepare();
            foreach (var row in rows)
            {
                seq.Value = row.Sequence;
                ms.Value = (object?)row.ClientTimeMs ?? DBNull.Value;
                type.Value = row.Type;
                payload.Value = row.Payload;
                inserted += await insert.ExecuteNonQueryAsync(ct);
            }
        }

        var above = new HashSet<long>();
        await using (var scan = connection.CreateCommand())
        {
            scan.Transaction = tx;
            scan.CommandText = """SELECT "Sequence" FROM "TraceEvents" WHERE "SessionId" = $s AND "Origin" = 'Client' AND "Sequence" > $w""";
            scan.Parameters.AddWithValue("$s", sessionText);
            scan.Parameters.AddWithValue("$w", watermark);
            await using var reader = await scan.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) above.Add(reader.GetInt64(0));
        }
        watermark = TraceRules.ContiguousWatermark(watermark, above);

        await using (var update = connection.CreateCommand())
        {
            update.Transaction = tx;
            update.CommandText = """UPDATE "Sessions" SET "ClientSequenceWatermark" = $w, "LastSeenAt" = max("LastSeenAt", $at) WHERE "Id" = $s""";
            update.Parameters.AddWithValue("$w", watermark);
            update.Parameters.AddWithValue("$at", when);
            update.Parameters.AddWithValue("$s", sessionText);
            await update.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return new TraceWriteResult(inserted, watermark);
    }
}
