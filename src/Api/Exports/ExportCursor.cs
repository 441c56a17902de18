using System.Linq.Expressions;
using System.Globalization;
using InteractionLab.Api.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Exports;

/// <summary>
/// The cursor of incremental exports (turns, events, survey answers), which never skips a committed record. A record's
/// id is handed out at insert, but transactions commit in any order: a puller that passed the last id it saw
/// (<c>?after=&lt;id&gt;</c>) missed a record whose transaction held a lower id and committed later (34 of 30,000 events in
/// a probe). Instead a pull returns every record written below a horizon (in id order) and names the horizon as the
/// cursor for the next pull in the <see cref="Header"/> response header. On PostgreSQL records carry the id of the
/// transaction that wrote them and the horizon is the oldest transaction of this database still running (or, when none
/// runs, the next id to be given), so every transaction below it has ended and nothing can appear there later; on SQLite,
/// where one writer at a time makes id order commit order, the horizon is the highest id plus one. A record written by a transaction still open at pull time comes in a later
/// pull; nothing is returned twice by a puller that always passes the header back. Pulling again with the same cursor
/// returns the same records (useful after a broken download).
/// </summary>
/// <remarks>
/// The cursor is opaque: <c>c</c> followed by a position (a transaction id on PostgreSQL, a record id on SQLite). A plain
/// number is the older form, a record id: records with a larger id below the horizon are returned (on PostgreSQL that
/// can still miss a record committed late, so switch to the header's cursor). On PostgreSQL the horizon is read from
/// <c>pg_stat_activity</c>, where the platform's role sees its own sessions; a transaction of another role writing these
/// tables directly would not be waited for. A transaction left open for minutes delays pulls; it never loses a record.
/// </remarks>
public sealed class ExportCursor
{
    /// <summary>Response header holding the value to pass as <c>?after=</c> next time (valid once the body is read to its end).</summary>
    public const string Header = "Next-After";

    private const string Prefix = "c";

    // The snapshot's in-progress transactions narrowed to this database (xids are cluster-wide: a long transaction in
    // another database must not hold exports back); without one, the snapshot's xmax. Same statement, same snapshot.
    private const string PostgresHorizonSql = """
        SELECT COALESCE(
          (SELECT min((x::text)::bigint) FROM pg_snapshot_xip(s.snap) x
           WHERE x::xid IN (SELECT a.backend_xid FROM pg_stat_activity a WHERE a.datname = current_database() AND a.backend_xid IS NOT NULL)),
          (pg_snapshot_xmax(s.snap)::text)::bigint) AS "Value"
        FROM (SELECT pg_current_snapshot() AS snap) s
        """;

    private readonly long? _position;
    private readonly long? _afterId;

    private ExportCursor(long? position, long? afterId)
    {
        _position = position;
        _afterId = afterId;
    }

    /// <summary>Reads <c>?after=</c>: absent (everything), a cursor from <see cref="Header"/>, or a record id (older form).</summary>
    public static bool TryParse(string? after, out ExportCursor cursor)
    {
        cursor = new ExportCursor(null, null);
        if (string.IsNullOrEmpty(after)) return true;
        if (after.StartsWith(Prefix, StringComparison.Ordinal) && long.TryParse(after.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var position))
        {
            cursor = new ExportCursor(position, null);
            return true;
        }
        if (!long.TryParse(after, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id)) return false;
        cursor = new ExportCursor(null, id);
        return true;
    }

    /// <summary>Reads <c>?after=</c> as <see cref="TryParse"/> does; anything else is a 400 problem naming what to pass.</summary>
    public static ExportCursor Parse(string? after) =>
        TryParse(after, out var cursor) ? cursor : throw new PlatformProblemException(400, "Invalid cursor", Problem(after));

    /// <summary>The problem for an <c>?after=</c> that is neither.</summary>
    public static string Problem(string? after) =>
        $"'?after={after}' is not a cursor: pass the value of the previous response's {Header} header (or a record id).";

    /// <summary>
    /// The records of <paramref name="rows"/> this pull returns, and the next cursor written into <paramref name="response"/>'s
    /// headers. A pull returns all of them, so their order does not matter to the cursor (exports keep id order).
    /// </summary>
    /// <param name="rows">The records the caller may export (e.g. one study's).</param>
    /// <param name="db">The context the rows come from.</param>
    /// <param name="response">Receives the <see cref="Header"/>.</param>
    /// <param name="ct">Cancels the horizon query.</param>
    /// <param name="unfinished">
    /// Records stored before they are final (a model turn is inserted when its reply is requested and completed later):
    /// they are not returned, and the horizon stops at the first of them, so the cursor never moves past a record that
    /// will still change; it is returned, final, by a later pull.
    /// </param>
    public async Task<IQueryable<T>> FilterAsync<T>(IQueryable<T> rows, PlatformDbContext db, HttpResponse response, CancellationToken ct,
        Expression<Func<T, bool>>? unfinished = null)
        where T : class, ICommitOrdered
    {
        var postgres = db.Database.IsNpgsql();
        var horizon = postgres
            ? (await db.Database.SqlQueryRaw<long>(PostgresHorizonSql).ToListAsync(ct)).Single()
            : (await db.Set<T>().MaxAsync(r => (long?)r.Id, ct) ?? 0) + 1;
        if (unfinished is not null)
        {
            var held = postgres
                ? await rows.Where(unfinished).MinAsync(r => (long?)r.TransactionId, ct)
                : await rows.Where(unfinished).MinAsync(r => (long?)r.Id, ct);
            if (held < horizon) horizon = held.Value;
        }
        response.Headers[Header] = Prefix + horizon.ToString(CultureInfo.InvariantCulture);
        if (postgres)
        {
            rows = rows.Where(r => r.TransactionId < horizon);
            if (_position is { } from) rows = rows.Where(r => r.TransactionId >= from);
        }
        else
        {
            rows = rows.Where(r => r.Id < horizon);
            if (_position is { } from) rows = rows.Where(r => r.Id >= from);
        }
        return _afterId is { } after ? rows.Where(r => r.Id > after) : rows;
    }
}
