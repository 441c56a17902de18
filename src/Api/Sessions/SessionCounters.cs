using System.Data;
using System.Data.Common;
using InteractionLab.Api.Data;
using InteractionLab.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace InteractionLab.Api.Sessions;

/// <summary>
/// Reserves a session's sequence numbers and turn indexes in the database: one statement increments the session's
/// <see cref="SessionCounter"/> row and returns the new value (<c>UPDATE … RETURNING</c>), so two writers — in one process or in several instances —
/// never take the same number, with no retry and no in-process gate. The row is created on first use from what the
/// session already holds (sessions from before the counters existed, imported sessions). A reservation runs on the
/// caller's connection and joins its transaction if one is open; otherwise it commits at once, and a save that then
/// fails leaves its numbers unused (a gap; order is what the numbers promise, not contiguity). Client events are
/// reserved by the trace writers, which use <see cref="CreateMissingSql"/> and the same row inside their own batch.
/// </summary>
public static class SessionCounters
{
    /// <summary>
    /// PostgreSQL: creates the missing counter rows of the sessions in <c>$1</c> (uuid[]), in key order so that two
    /// writers never wait on each other crosswise. (OFFSET 0 keeps the check a key lookup, never a scan of all counters.)
    /// </summary>
    public static readonly string CreateMissingSql = $"""
        INSERT INTO "SessionCounters" ("SessionId", "ClientEvents", "ServerEvents", "Turns")
        SELECT s."Id", {Start("Client")}, {Start("Server")}, {StartTurns}
        FROM "Sessions" s
        WHERE s."Id" = ANY($1) AND NOT EXISTS (SELECT 1 FROM "SessionCounters" c WHERE c."SessionId" = s."Id" OFFSET 0)
        ORDER BY s."Id"
        ON CONFLICT ("SessionId") DO NOTHING
        """;

    // The usual case: the row exists; one short statement adds the reservation and RETURNING gives the last number.
    private const string AddSql = """
        UPDATE "SessionCounters" SET
          "ClientEvents" = "ClientEvents" + @client, "ServerEvents" = "ServerEvents" + @server, "Turns" = "Turns" + @turns
        WHERE "SessionId" = @session
        RETURNING "ClientEvents", "ServerEvents", "Turns"
        """;

    // The first reservation of a session: create the row with this reservation added (or add to it, should another
    // writer have created it meanwhile). The WHERE also avoids SQLite's INSERT … SELECT … ON CONFLICT parsing ambiguity.
    private static readonly string CreateSql = $"""
        INSERT INTO "SessionCounters" ("SessionId", "ClientEvents", "ServerEvents", "Turns")
        SELECT s."Id", {Start("Client")} + @client, {Start("Server")} + @server, {StartTurns} + @turns
        FROM "Sessions" s
        WHERE s."Id" = @session
        ON CONFLICT ("SessionId") DO UPDATE SET
          "ClientEvents" = "SessionCounters"."ClientEvents" + @client,
          "ServerEvents" = "SessionCounters"."ServerEvents" + @server,
          "Turns" = "SessionCounters"."Turns" + @turns
        RETURNING "ClientEvents", "ServerEvents", "Turns"
        """;

    // Where a new row starts: what the session's events and turns already use (s is the Sessions row).
    private static string Start(string origin) =>
        $"""COALESCE((SELECT MAX(e."Sequence") FROM "TraceEvents" e WHERE e."SessionId" = s."Id" AND e."Origin" = '{origin}'), 0)""";

    private const string StartTurns = """COALESCE((SELECT MAX(t."Index") + 1 FROM "Turns" t WHERE t."SessionId" = s."Id"), 0)""";

    /// <summary>Reserves <paramref name="count"/> consecutive server event sequence numbers; returns the first.</summary>
    public static async Task<long> ReserveEventSequencesAsync(PlatformDbContext db, SessionId session, int count, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var (_, server, _) = await ReserveAsync(db, session, 0, count, 0, ct);
        return server - count + 1;
    }

    /// <summary>Reserves the next turn index of the session.</summary>
    public static Task<int> ReserveTurnIndexAsync(PlatformDbContext db, SessionId session, CancellationToken ct = default) =>
        ReserveTurnIndexesAsync(db, session, 1, ct);

    /// <summary>Reserves <paramref name="count"/> consecutive turn indexes; returns the first.</summary>
    public static async Task<int> ReserveTurnIndexesAsync(PlatformDbContext db, SessionId session, int count, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var (_, _, turns) = await ReserveAsync(db, session, 0, 0, count, ct);
        return turns - count;
    }

    /// <summary>
    /// Reserves <paramref name="turns"/> consecutive turn indexes and <paramref name="serverEvents"/> consecutive server
    /// event sequence numbers in one statement; returns the first of each (0 where none was asked for).
    /// </summary>
    public static async Task<(int FirstTurn, long FirstSequence)> ReserveAsync(PlatformDbContext db, SessionId session, int turns, int serverEvents,
        CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(turns);
        ArgumentOutOfRangeException.ThrowIfNegative(serverEvents);
        var (_, server, lastTurn) = await ReserveAsync(db, session, 0, serverEvents, turns, ct);
        return (turns == 0 ? 0 : lastTurn - turns, serverEvents == 0 ? 0 : server - serverEvents + 1);
    }

    /// <summary>
    /// Reserves <paramref name="count"/> client event sequence numbers on a raw connection (the SQLite trace writer,
    /// inside its transaction); returns the last. <paramref name="session"/> is the key as the provider stores it.
    /// </summary>
    internal static async Task<long> ReserveClientEventsAsync(DbConnection connection, DbTransaction? transaction, object session, int count, CancellationToken ct)
    {
        var (client, _, _) = await ReserveAsync(connection, transaction, session, count, 0, 0, ct);
        return client;
    }

    private static async Task<(long Client, long Server, int Turns)> ReserveAsync(PlatformDbContext db, SessionId session,
        long client, long server, int turns, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened) await db.Database.OpenConnectionAsync(ct);
        try
        {
            // EF stores SessionId as a uuid on PostgreSQL and as upper-case text on SQLite; match it.
            var key = db.Database.IsNpgsql() ? (object)session.Value : session.Value.ToString().ToUpperInvariant();
            return await ReserveAsync(connection, db.Database.CurrentTransaction?.GetDbTransaction(), key, client, server, turns, ct);
        }
        finally
        {
            if (opened) await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<(long Client, long Server, int Turns)> ReserveAsync(DbConnection connection, DbTransaction? transaction,
        object session, long client, long server, int turns, CancellationToken ct)
    {
        foreach (var sql in new[] { AddSql, CreateSql })
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            Add(command, "session", session);
            Add(command, "client", client);
            Add(command, "server", server);
            Add(command, "turns", turns);
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct)) return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt32(2));
        }
        throw PlatformProblemException.SessionNotFound();
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = "@" + name;
        p.Value = value;
        command.Parameters.Add(p);
    }
}
