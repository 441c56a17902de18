using System.Text.Json;
using InteractionLab.Api.Data;
using InteractionLab.Domain;
using InteractionLab.Domain.Tracing;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Sessions;

/// <summary>
/// Server-side runtime events of a session (<c>stage.timed-out</c>, <c>survey.item-order</c>,
/// <c>attention-check.failed</c>, …), stored with the trace so analyses see them in order with the rest.
/// </summary>
internal static class ServerEvents
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Adds events to the context (saved with the caller's SaveChanges, so they exist only if the change does), numbered
    /// from the session's counter.
    /// </summary>
    public static async Task AddAsync(PlatformDbContext db, SessionId id, DateTimeOffset now,
        IEnumerable<(string Type, object Payload)> events, CancellationToken ct)
    {
        var list = events.ToList();
        if (list.Count == 0) return;
        var next = await SessionCounters.ReserveEventSequencesAsync(db, id, list.Count, ct);
        foreach (var (type, payload) in list)
            db.TraceEvents.Add(new TraceEvent
            {
                SessionId = id, Origin = TraceOrigin.Server, Sequence = next++, ServerTime = now,
                Type = type, Payload = JsonSerializer.Serialize(payload, Json),
            });
    }
}
