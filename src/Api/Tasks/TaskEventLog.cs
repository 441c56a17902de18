using System.Text.Json;
using System.Text.Json.Nodes;
using InteractionLab.Api.Data;
using InteractionLab.Domain;
using InteractionLab.Domain.Tracing;
using InteractionLab.Api.Sessions;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Tasks;

/// <summary>
/// The task events of participant sessions: what a task component did on the server (item shown, answer chosen,
/// cell filled…), stored as server trace events with the stage's key. Each append is saved before it returns, so
/// a component that awaits it can rely on the event surviving a reload; the stage's events are also what a
/// component reads to resume and what metric sources read to derive metrics.
/// </summary>
public sealed class TaskEventLog(IDbContextFactory<PlatformDbContext> dbFactory, TimeProvider time)
{
    /// <summary>JSON options of task payloads (camelCase, like the rest of the trace).</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Stores one event of <paramref name="stageKey"/>. The payload must serialize to a JSON object; the stage key is
    /// added to it as <c>stage</c>.
    /// </summary>
    public async Task<TaskEventRecord> AppendAsync(SessionId session, string stageKey, string type, object payload, CancellationToken ct = default)
    {
        if (!TraceRules.IsValidType(type)) throw new ArgumentException($"'{type}' is not a valid event type.", nameof(type));
        var node = JsonSerializer.SerializeToNode(payload, Json) as JsonObject
            ?? throw new ArgumentException("A task event's payload must be an object.", nameof(payload));
        node["stage"] = stageKey;
        var json = node.ToJsonString(Json);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = new TraceEvent
        {
            SessionId = session, Origin = TraceOrigin.Server, Sequence = await SessionCounters.ReserveEventSequencesAsync(db, session, 1, ct),
            ServerTime = time.GetUtcNow(), Type = type, Payload = json, StageKey = stageKey,
        };
        db.TraceEvents.Add(row);
        await db.SaveChangesAsync(ct);
        // What was stored (the payload may have been made storable), so the component replays exactly that.
        return new TaskEventRecord(row.Sequence, type, row.ServerTime, JsonDocument.Parse(row.Payload).RootElement.Clone());
    }

    /// <summary>The task events of one stage of a session, in order.</summary>
    public async Task<IReadOnlyList<TaskEventRecord>> ReadAsync(SessionId session, string stageKey, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.TraceEvents.AsNoTracking()
            .Where(e => e.SessionId == session && e.Origin == TraceOrigin.Server && e.StageKey == stageKey)
            .OrderBy(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Type, e.ServerTime, e.Payload })
            .ToListAsync(ct);
        return rows.Select(r => new TaskEventRecord(r.Sequence, r.Type, r.ServerTime, Parse(r.Payload))).ToList();
    }

    /// <summary>
    /// The task events whose type starts with <paramref name="typePrefix"/> (e.g. <c>qa.</c>) of many sessions at
    /// once, grouped by session: what a metric source reads in one query.
    /// </summary>
    public static async Task<IReadOnlyDictionary<SessionId, IReadOnlyList<TaskEventRecord>>> ReadManyAsync(
        PlatformDbContext db, IQueryable<Session> sessions, string typePrefix, CancellationToken ct = default)
    {
        var rows = await db.TraceEvents.AsNoTracking()
            .Where(e => e.Origin == TraceOrigin.Server && e.Type.StartsWith(typePrefix))
            .Join(sessions, e => e.SessionId, s => s.Id, (e, s) => e)
            .OrderBy(e => e.SessionId).ThenBy(e => e.Sequence)
            .Select(e => new { e.SessionId, e.Sequence, e.Type, e.ServerTime, e.Payload })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.SessionId).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<TaskEventRecord>)g.Select(r => new TaskEventRecord(r.Sequence, r.Type, r.ServerTime, Parse(r.Payload))).ToList());
    }

    internal static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
