using InteractionLab.Domain;
using Npgsql;
using NpgsqlTypes;

namespace InteractionLab.Api.Tracing;

/// <summary>
/// PostgreSQL writer: the batch travels as column arrays in one <c>INSERT … SELECT FROM unnest(…) ON CONFLICT DO
/// NOTHING</c>, followed in the same round trip (one implicit transaction) by the watermark update. For the
/// batch sizes a browser sends (≤ 500) this beats COPY into a staging table, which needs three round trips
/// (create/copy/insert) per batch; see the ingest benchmark for the numbers.
/// </summary>
public sealed class PostgresTraceEventWriter(NpgsqlDataSource dataSource) : ITraceEventWriter
{
    private const string InsertSql = """
        INSERT INTO "TraceEvents" ("SessionId", "Origin", "Sequence", "ClientTimeMs", "ServerTime", "Type", "Payload")
        SELECT $1, 'Client', e.seq, e.client_ms, $2, e.type, e.payload::jsonb
        FROM unnest($3::bigint[], $4::bigint[], $5::text[], $6::text[]) AS e(seq, client_ms, type, payload)
        ON CONFLICT ("SessionId", "Origin", "Sequence") DO NOTHING
        """;

    // The watermark only grows: start from the stored one and walk to the first event without a successor.
    private const string WatermarkSql = """
        UPDATE "Sessions" AS s SET
          "LastSeenAt" = GREATEST(s."LastSeenAt", $2),
          "ClientSequenceWatermark" = GREATEST(s."ClientSequenceWatermark", COALESCE((
            SELECT MIN(t."Sequence") FROM "TraceEvents" t
            WHERE t."SessionId" = $1 AND t."Origin" = 'Client' AND t."Sequence" >= GREATEST(s."ClientSequenceWatermark", 1)
              AND NOT EXISTS (SELECT 1 FROM "TraceEvents" n
                              WHERE n."SessionId" = $1 AND n."Origin" = 'Client' AND n."Sequence" = t."Sequence" + 1)
              AND (s."ClientSequenceWatermark" > 0 OR EXISTS (SELECT 1 FROM "TraceEvents" f
                              WHERE f."SessionId" = $1 AND f."Origin" = 'Client' AND f."Sequence" = 1))), 0))
        WHERE s."Id" = $1
        RETURNING s."ClientSequenceWatermark"
        """;

    /// <inheritdoc />
    public async Task<TraceWriteResult> WriteClientEventsAsync(SessionId session, IReadOnlyList<TraceEventRow> rows, DateTimeOffset serverTime, CancellationToken ct)
    {
        var seqs = new long[rows.Count];
        var clientMs = new long?[rows.Count];
        var types = new string[rows.Count];
        var payloads = new string[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            seqs[i] = rows[i].Sequence;
            clientMs[i] = rows[i].ClientTimeMs;
            types[i] = rows[i].Type;
            payloads[i] = rows[i].Payload;
        }

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(connection);
        var insert = new NpgsqlBatchCommand(InsertSql);
        insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = session.Value });
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = serverTime.ToUniversalTime() });
        insert.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = seqs });
        insert.Parameters.Add(new NpgsqlParameter<long?[]> { TypedValue = clientMs });
        insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = types, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = payloads, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        var watermark = new NpgsqlBatchCommand(WatermarkSql);
        watermark.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = session.Value });
        watermark.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = serverTime.ToUniversalTime() });
        batch.BatchCommands.Add(insert);
        batch.BatchCommands.Add(watermark);

        NpgsqlDataReader reader;
        try
        {
            reader = await batch.ExecuteReaderAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            throw PlatformProblemException.SessionNotFound();
        }
        await using var _ = reader;
        // The insert returns no rows; the update returns the watermark (none if the session does not exist).
        if (!await reader.ReadAsync(ct) && !(await reader.NextResultAsync(ct) && await reader.ReadAsync(ct)))
            throw PlatformProblemException.SessionNotFound();
        var mark = reader.GetInt64(0);
        await reader.CloseAsync();
        return new TraceWriteResult(insert.RecordsAffected > int.MaxValue ? int.MaxValue : (int)insert.RecordsAffected, mark);
    }
}
