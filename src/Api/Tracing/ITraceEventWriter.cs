using InteractionLab.Domain;

namespace InteractionLab.Api.Tracing;

/// <summary>
/// Stores client events in one round trip per batch, skipping any (session, origin, sequence) already stored,
/// and advances the session's contiguous watermark and last-seen time in the same transaction.
/// </summary>
public interface ITraceEventWriter
{
    /// <summary>Writes a batch of client events for one session.</summary>
    Task<TraceWriteResult> WriteClientEventsAsync(SessionId session, IReadOnlyList<TraceEventRow> rows, DateTimeOffset serverTime, CancellationToken ct);
}
