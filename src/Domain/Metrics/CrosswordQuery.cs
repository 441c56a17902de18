namespace InteractionLab.Domain.Metrics;

/// <summary>One question to the AI teammate; <paramref name="Type"/> is an optional label (e.g. "clue",
/// "fill-in", "other") assigned by the platform or an annotator.</summary>
public sealed record CrosswordQuery(long TimestampMs, string Text, string? Type = null);
