using InteractionLab.Domain;
using InteractionLab.Domain.Tracing;

namespace InteractionLab.Api.Data;

/// <summary>
/// One recorded event. (SessionId, Origin, Sequence) orders a session's events; the server hands the sequence out. A
/// client event is also identified by the page that recorded it and its number there (ClientInstance, ClientSequence),
/// unique per session, which is what makes re-sent batches harmless: a duplicate cannot be stored.
/// </summary>
public sealed class TraceEvent : ICommitOrdered
{
    /// <summary>Primary key (also the export cursor's tie-breaker).</summary>
    public long Id { get; set; }
    /// <inheritdoc />
    public long TransactionId { get; set; }
    /// <summary>The session.</summary>
    public SessionId SessionId { get; set; }
    /// <summary>Client or server.</summary>
    public TraceOrigin Origin { get; set; }
    /// <summary>Per-session, per-origin sequence number from 1, reserved by the server in the order events were stored.</summary>
    public long Sequence { get; set; }
    /// <summary>The browser page (one load of one tab) whose logger recorded a client event; null for server events and imports.</summary>
    public Guid? ClientInstance { get; set; }
    /// <summary>The client event's number within its page, from 1.</summary>
    public long? ClientSequence { get; set; }
    /// <summary>Client clock in ms (epoch) for client events; ms since request for server token events.</summary>
    public long? ClientTimeMs { get; set; }
    /// <summary>When the server stored (client events) or observed (server events) it.</summary>
    public DateTimeOffset ServerTime { get; set; }
    /// <summary>Event type, e.g. <c>text.insert</c>, <c>model.token</c>.</summary>
    public required string Type { get; set; }
    /// <summary>Event payload as JSON (read whole).</summary>
    public required string Payload { get; set; }
    /// <summary>Why the payload is not what the browser sent (it could not be stored as it was); null normally.</summary>
    public string? PayloadIssue { get; set; }
    /// <summary>The JSON text exactly as the browser sent it, when <see cref="PayloadIssue"/> is set.</summary>
    public string? OriginalPayload { get; set; }
    /// <summary>Stage a task event belongs to (server task events; null for other events).</summary>
    public string? StageKey { get; set; }
}
