using InteractionLab.Domain;
using InteractionLab.Domain.Tracing;

namespace InteractionLab.Api.Data;

/// <summary>
/// One recorded event. (SessionId, Origin, Sequence) is unique, which is what makes re-sent batches
/// harmless: a duplicate cannot be stored.
/// </summary>
public sealed class TraceEvent
{
    /// <summary>Primary key (also the export cursor's tie-breaker).</summary>
    public long Id { get; set; }
    /// <summary>The session.</summary>
    public SessionId SessionId { get; set; }
    /// <summary>Client or server.</summary>
    public TraceOrigin Origin { get; set; }
    /// <summary>Per-session, per-origin sequence number from 1.</summary>
    public long Sequence { get; set; }
    /// <summary>Client clock in ms (epoch) for client events; ms since request for server token events.</summary>
    public long? ClientTimeMs { get; set; }
    /// <summary>When the server stored (client events) or observed (server events) it.</summary>
    public DateTimeOffset ServerTime { get; set; }
    /// <summary>Event type, e.g. <c>text.insert</c>, <c>model.token</c>.</summary>
    public required string Type { get; set; }
    /// <summary>Event payload as JSON (read whole).</summary>
    public required string Payload { get; set; }
    /// <summary>Stage a task event belongs to (server task events; null for other events).</summary>
    public string? StageKey { get; set; }
}
