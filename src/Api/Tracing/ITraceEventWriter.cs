using InteractionLab.Domain;

namespace InteractionLab.Api.Tracing;

/// <summary>
/// Stores client events in one round trip per batch: an event already stored under its (session, instance, sequence)
/// is not stored again, and counts as stored only if its content is the same; each new event gets the session's next
/// sequence number from its counter. The session's last-seen time and watermark move in the same transaction.
/// </summary>
public interface ITraceEventWriter
{
    /// <summary>Writes a batch of client events recorded by one page (<paramref name="instance"/>) of one session.</summary>
    Task<TraceWriteResult> WriteClientEventsAsync(SessionId session, Guid instance, IReadOnlyList<TraceEventRow> rows, DateTimeOffset serverTime, CancellationToken ct);
}
