namespace InteractionLab.Api.Tracing;

/// <summary>A validated event ready for the writer.</summary>
/// <param name="Sequence">Sequence number.</param>
/// <param name="ClientTimeMs">Client clock (ms).</param>
/// <param name="Type">Event type.</param>
/// <param name="Payload">JSON text.</param>
public readonly record struct TraceEventRow(long Sequence, long? ClientTimeMs, string Type, string Payload);
