namespace InteractionLab.Api.Tracing;

/// <summary>A batch of browser events (at most 500); stored all-or-nothing and idempotently.</summary>
/// <param name="Events">The events.</param>
public sealed record TraceBatch(IReadOnlyList<TraceEventInput> Events);
