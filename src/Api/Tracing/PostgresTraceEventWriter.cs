using System.Threading.Channels;
using InteractionLab.Api.Sessions;
using InteractionLab.Domain;
using Npgsql;
using NpgsqlTypes;

namespace InteractionLab.Api.Tracing;

/// <summary>
/// PostgreSQL writer with group commit. Batches from concurrent sessions queue up while a write is in flight and go
/// out together as column arrays in one round trip (one implicit transaction) of two statements: create missing
/// session counters and lock the group's counters; then skip events already stored, reserve sequence numbers for the
/// rest from the counters, insert them and move each session's last-seen time and watermark. Sessions are partitioned
/// over a few writer loops by id, so one session's batches stay in order. A failing group is retried batch by batch
/// so that one bad batch (e.g. a deleted session) cannot fail its neighbours.
/// </summary>
public sealed class PostgresTraceEventWriter : ITraceEventWriter, IAsyncDisposable
{
    private const int Writers = 2;
    // Bounded so a group's transaction stays short: every batch in it waits for that commit to be acked.
    private const int MaxRowsPerWrite = 1000;
    // A few long pastes must not make one statement hundreds of megabytes.
    private const long MaxPayloadCharsPerWrite = 8 * 1024 * 1024;

    // Creates missing counter rows, then locks the group's counters in key order, so two writers (two instances) never
    // deadlock. A row created here is not seen (nor locked) by this statement's SELECT, but nobody else can use it
    // before this transaction ends. Locking before the next statement starts means that statement's snapshot sees
    // every event stored under these counters, so "already stored?" is exact and no reserved number is wasted.
    private static readonly string LockSql = $"""
        WITH created AS ({SessionCounters.CreateMissingSql})
        SELECT "SessionId" FROM "SessionCounters" WHERE "SessionId" = ANY($1) ORDER BY "SessionId" FOR NO KEY UPDATE
        """;

    // Unnest arrays instead of COPY into a staging table: one statement, no temp table (ADR 0002). Rows come in
    // distinct per (session, instance, sequence); `ord` maps each back to its batch. Per input row the result says
    // whether it was inserted, whether it is stored (new, or there already with the same content) and whether its
    // session is gone. The transaction id is read once for all rows rather than as each row's default. OFFSET 0 keeps
    // "already stored?" a unique-index probe per event: as an anti-join, a plan made while the table was small
    // seq-scans it for every batch once it is large.
    private static readonly string WriteSql = $"""
        WITH input AS (
          SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::text[])
            WITH ORDINALITY AS e(sid, instance, local_seq, client_ms, type, payload, issue, original, ord)
        ), fresh AS (
          SELECT i.* FROM input i
          WHERE NOT EXISTS (SELECT 1 FROM "TraceEvents" t
            WHERE t."SessionId" = i.sid AND t."ClientInstance" = i.instance AND t."ClientSequence" = i.local_seq OFFSET 0)
        ), reserved AS (
          UPDATE "SessionCounters" c SET "ClientEvents" = c."ClientEvents" + f.n
          FROM (SELECT sid, count(*) AS n FROM fresh GROUP BY sid) f
          WHERE c."SessionId" = f.sid
          RETURNING c."SessionId" AS sid, c."ClientEvents" - f.n AS base, c."ClientEvents" AS last
        ), inserted AS (
          INSERT INTO "TraceEvents" ("SessionId", "Origin", "Sequence", "ClientInstance", "ClientSequence", "ClientTimeMs",
            "ServerTime", "Type", "Payload", "PayloadIssue", "OriginalPayload", "TransactionId")
          SELECT f.sid, 'Client', r.base + row_number() OVER (PARTITION BY f.sid ORDER BY f.ord), f.instance, f.local_seq,
            f.client_ms, $9, f.type, f.payload::jsonb, f.issue, f.original, (SELECT {Data.CommitOrder.PostgresDefault})
          FROM fresh f JOIN reserved r ON r.sid = f.sid
        ), seen AS (
          UPDATE "Sessions" s SET
            "LastSeenAt" = GREATEST(s."LastSeenAt", $9),
            "ClientSequenceWatermark" = GREATEST(s."ClientSequenceWatermark", r.last)
          FROM (SELECT DISTINCT sid FROM input) g LEFT JOIN reserved r ON r.sid = g.sid
          WHERE s."Id" = g.sid
        )
        SELECT i.ord,
          f.ord IS NOT NULL AND r.sid IS NOT NULL AS inserted,
          CASE WHEN f.ord IS NOT NULL THEN r.sid IS NOT NULL
               ELSE EXISTS (SELECT 1 FROM "TraceEvents" t
                 WHERE t."SessionId" = i.sid AND t."ClientInstance" = i.instance AND t."ClientSequence" = i.local_seq
                   AND t."Type" = i.type AND t."ClientTimeMs" IS NOT DISTINCT FROM i.client_ms
                   AND t."Payload" = i.payload::jsonb AND t."OriginalPayload" IS NOT DISTINCT FROM i.original) END AS stored,
          f.ord IS NOT NULL AND r.sid IS NULL AS no_session
        FROM input i LEFT JOIN fresh f ON f.ord = i.ord LEFT JOIN reserved r ON r.sid = i.sid
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
    public async Task<TraceWriteResult> WriteClientEventsAsync(SessionId session, Guid instance, IReadOnlyList<TraceEventRow> rows, DateTimeOffset serverTime, CancellationToken ct)
    {
        var pending = new Pending(session, instance, rows, serverTime.ToUniversalTime());
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
            long chars = 0;
            while (rows < MaxRowsPerWrite && chars < MaxPayloadCharsPerWrite && reader.TryRead(out var next))
            {
                group.Add(next);
                rows += next.Rows.Count;
                chars += next.Rows.Sum(r => (long)r.Payload.Length + (r.OriginalPayload?.Length ?? 0));
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
        var rows = new DistinctRows(group);
        var sessions = group.Select(p => p.Session.Value).Distinct().ToArray();
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(Command(LockSql, new NpgsqlParameter<Guid[]> { TypedValue = sessions }));
        batch.BatchCommands.Add(Command(WriteSql,
            new NpgsqlParameter<Guid[]> { TypedValue = rows.Sessions.ToArray() },
            new NpgsqlParameter<Guid[]> { TypedValue = rows.Instances.ToArray() },
            new NpgsqlParameter<long[]> { TypedValue = rows.Rows.Select(r => r.Sequence).ToArray() },
            new NpgsqlParameter<long?[]> { TypedValue = rows.Rows.Select(r => r.ClientTimeMs).ToArray() },
            Texts(rows.Rows.Select(r => r.Type)),
            Texts(rows.Rows.Select(r => r.Payload)),
            Texts(rows.Rows.Select(r => r.PayloadIssue)),
            Texts(rows.Rows.Select(r => r.OriginalPayload)),
            new NpgsqlParameter<DateTimeOffset> { TypedValue = group.Max(p => p.ServerTime) }));

        // Prepared once per pooled connection (Npgsql keeps them): the statements are parsed and planned once, not per batch.
        await batch.PrepareAsync();
        var outcome = new Outcome[rows.Rows.Count];
        await using (var reader = await batch.ExecuteReaderAsync())
        {
            // The lock's rows come first; the write's result is the one with four columns.
            do
            {
                if (reader.FieldCount != 4) continue;
                while (await reader.ReadAsync())
                    outcome[reader.GetInt64(0) - 1] = new Outcome(reader.GetBoolean(1), reader.GetBoolean(2), reader.GetBoolean(3));
            } while (await reader.NextResultAsync());
        }
        foreach (var p in group) rows.Complete(p, outcome);
    }

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlParameter<string?[]> Texts(IEnumerable<string?> values) =>
        new() { TypedValue = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    private static Exception Translate(Exception e) =>
        e is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation } ? PlatformProblemException.SessionNotFound() : e;

    private readonly record struct Outcome(bool Inserted, bool Stored, bool NoSession);

    private sealed record Pending(SessionId Session, Guid Instance, IReadOnlyList<TraceEventRow> Rows, DateTimeOffset ServerTime)
    {
        public TaskCompletionSource<TraceWriteResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    // The group's events, each (session, instance, sequence) once: two tabs may re-send the same orphaned events in one
    // group. A later copy with other content is not this event and is not acknowledged.
    private sealed class DistinctRows
    {
        private readonly Dictionary<(Guid, Guid, long), int> _index = [];

        public List<Guid> Sessions { get; } = [];
        public List<Guid> Instances { get; } = [];
        public List<TraceEventRow> Rows { get; } = [];

        public DistinctRows(IEnumerable<Pending> group)
        {
            foreach (var p in group)
                foreach (var row in p.Rows)
                    if (_index.TryAdd((p.Session.Value, p.Instance, row.Sequence), Rows.Count))
                    {
                        Sessions.Add(p.Session.Value);
                        Instances.Add(p.Instance);
                        Rows.Add(row);
                    }
        }

        // Each inserted row is credited once, to the first batch of the group that carried it.
        public void Complete(Pending p, Outcome[] outcome)
        {
            var stored = new List<long>(p.Rows.Count);
            var inserted = 0;
            foreach (var row in p.Rows)
            {
                var at = _index[(p.Session.Value, p.Instance, row.Sequence)];
                var o = outcome[at];
                if (o.NoSession)
                {
                    p.Done.TrySetException(PlatformProblemException.SessionNotFound());
                    return;
                }
                var first = Rows[at];
                if (!o.Stored || !first.SameContent(row.Type, row.ClientTimeMs, row.Payload, row.OriginalPayload)) continue;
                stored.Add(row.Sequence);
                if (o.Inserted)
                {
                    inserted++;
                    outcome[at] = o with { Inserted = false };
                }
            }
            p.Done.TrySetResult(new TraceWriteResult(stored, inserted));
        }
    }
}
