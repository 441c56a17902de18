namespace InteractionLab.Api.Tracing;

/// <summary>A validated event ready for the writer, its payload storable on every provider.</summary>
/// <param name="Sequence">The event's number within its page.</param>
/// <param name="ClientTimeMs">Client clock (ms).</param>
/// <param name="Type">Event type.</param>
/// <param name="Payload">JSON text to store.</param>
/// <param name="PayloadIssue">Why <paramref name="Payload"/> differs from what was sent; null when it does not.</param>
/// <param name="OriginalPayload">What was sent, when it differs.</param>
public readonly record struct TraceEventRow(long Sequence, long? ClientTimeMs, string Type, string Payload,
    string? PayloadIssue = null, string? OriginalPayload = null)
{
    /// <summary>Whether a stored event is this one (a re-send), not another event under the same number.</summary>
    public bool SameContent(string type, long? clientTimeMs, string payload, string? originalPayload) =>
        Type == type && ClientTimeMs == clientTimeMs && Payload == payload && OriginalPayload == originalPayload;
}
