using System.Threading.Channels;
using InteractionLab.Domain;
using Npgsql;
using NpgsqlTypes;

namespace InteractionLab.Api.Tracing;

/// <summary>
/// PostgreSQL writer with group commit. Batches from concurrent sessions queue up while a write is in flight and
/// go out together as column arrays in one <c>INSERT … SELECT FROM unnest(…) ON CONFLICT DO NOTHING</c>, followed
/// in the same round trip (one implicit transaction) by the watermark update of every session in the group.
/// Sessions are partitioned over a few writer loops by id, so one session's batches stay in order and two writers
/// never lock the same session row (no deadlocks). A failing group is retried batch by batch so that one bad
/// batch (e.g. a deleted session) cannot fail its neighbours.
/// </summary>
public sealed class PostgresTraceEventWriter : ITraceEventWriter, IAsyncDisposable
{
    private const int Writers = 2;
    private const int MaxRowsPerWrite = 5000;

    private const string InsertSql = """
        INSERT INTO "TraceEvents" ("SessionId", "Origin", "Sequence", "ClientTimeMs", "ServerTime", "Type", "Payload")
        SELECT e.sid, 'Client', e.seq, e.client_ms, $5, e.type, e.payload::jsonb
        FROM unnest($1::uuid[], $2::bigint[], $3::bigint[], $4::text[], $6::text[]) AS e(sid, seq, client_ms, type, payload)
        ON CONFLICT ("SessionId", "Origin", "Sequence") DO NOTHING
        RETURNING "SessionId", "Sequence"
        """;

    // The watermark only grows. Rows above it come in sequence order from the unique index; while they are
    // contiguous, sequence = watermark + row number, so the last such row is the new watermark. Only rows above
    // the old watermark are read (usually just this batch), however long the session is.
    private const string WatermarkSql = """
        UPDATE "Sessions" AS s SET
          "LastSeenAt" = GREATEST(s."LastSeenAt", $2),
          "ClientSequenceWatermark" = GREATEST(s."ClientSequenceWatermark", COALESCE((
            SELECT MAX(x.seq) FROM (
              SELECT t."Sequence" AS seq, row_number() OVER (ORDER BY t."Sequence") AS rn
              FROM "TraceEvents" t
              WHERE t."SessionId" = s."Id" AND t."Origin" = 'Client' AND t."Sequence" > s."ClientSequenceWatermark") x
            WHERE x.seq = s."ClientSequenceWatermark" + x.rn), 0))
        WHERE s."Id" = ANY($1)
        RETURNING s."Id", s."ClientSequenceWatermark"
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly Channel<Pending>[] _queues;
    private readonly Task[] _loops;

    /// <summary>Starts the writer loops on <paramref name="dataSource"/>.</summary>
    public PostgresTraceEventWriter(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource;
        _queues = Enumerable.Range(0, Writers).Select(_ => Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true })).ToArray();
        _loops = _queues.Select(q => Task.Run(() => RunAsync(q.Reader))).ToArray();
    }

    /// <inheritdoc />
    public async Task<TraceWriteResult> WriteClientEventsAsync(SessionId session, IReadOnlyList<TraceEventRow> rows, DateTimeOffset serverTime, CancellationToken ct)
    {
        var pending = new Pending(session, rows, serverTime.ToUniversalTime());
        var queue = _queues[(int)((uint)session.Value.GetHashCode() % Writers)];
        if (!queue.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(PostgresTraceEventWriter));
        // Once queued the write happens even if the caller goes away; the caller just stops waiting.
        return await pending.Done.Task.WaitAsync(ct);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var q in _queues) q.Writer.TryComplete();
        await Task.WhenAll(_loops);
    }

    private async Task RunAsync(ChannelReader<Pending> reader)
    {
        var group = new List<Pending>();
        while (await reader.WaitToReadAsync())
        {
            group.Clear();
            var rows = 0;
            while (rows < MaxRowsPerWrite && reader.TryRead(out var next))
            {
                group.Add(next);
                rows += next.Rows.Count;
            }
            try
            {
                await WriteAsync(group);
            }
            catch (Exception) when (group.Count > 1)
            {
                foreach (var one in group)
                {
                    try { await WriteAsync([one]); }
                    catch (Exception e) { one.Done.TrySetException(Translate(e)); }
                }
            }
            catch (Exception e)
            {
                group[0].Done.TrySetException(Translate(e));
            }
        }
    }

    private async Task WriteAsync(IReadOnlyList<Pending> group)
    {
        var total = group.Sum(p => p.Rows.Count);
        var sessions = new Guid[total];
        var seqs = new long[total];
        var clientMs = new long?[total];
        var types = new string[total];
        var payloads = new string[total];
        var i = 0;
        foreach (var p in group)
            foreach (var row in p.Rows)
            {
                sessions[i] = p.Session.Value;
                seqs[i] = row.Sequence;
                clientMs[i] = row.ClientTimeMs;
                types[i] = row.Type;
                payloads[i] = row.Payload;
                i++;
            }
        var now = group.Max(p => p.ServerTime);

        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection);
        var insert = new NpgsqlBatchCommand(InsertSql);
        insert.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = sessions });
        insert.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = seqs });
        insert.Parameters.Add(new NpgsqlParameter<long?[]> { TypedValue = clientMs });
        insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = types, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = payloads, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        var watermark = new NpgsqlBatchCommand(WatermarkSql);
        watermark.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = group.Select(p => p.Session.Value).Distinct().ToArray() });
        watermark.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        batch.BatchCommands.Add(insert);
        batch.BatchCommands.Add(watermark);

        var inserted = new HashSet<(Guid, long)>();
        var marks = new Dictionary<Guid, long>();
        await using (var reader = await batch.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) inserted.Add((reader.GetGuid(0), reader.GetInt64(1)));
            await reader.NextResultAsync();
            while (await reader.ReadAsync()) marks[reader.GetGuid(0)] = reader.GetInt64(1);
        }

        foreach (var p in group)
        {
            if (!marks.TryGetValue(p.Session.Value, out var mark))
            {
                p.Done.TrySetException(PlatformProblemException.SessionNotFound());
                continue;
            }
            // Each inserted row is credited once, to the first batch of the group that carried it.
            var count = p.Rows.Count(r => inserted.Remove((p.Session.Value, r.Sequence)));
            p.Done.TrySetResult(new TraceWriteResult(count, mark));
        }
    }

    private static Exception Translate(Exception e) =>
        e is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation } ? PlatformProblemException.SessionNotFound() : e;

    private sealed record Pending(SessionId Session, IReadOnlyList<TraceEventRow> Rows, DateTimeOffset ServerTime)
    {
        public TaskCompletionSource<TraceWriteResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
