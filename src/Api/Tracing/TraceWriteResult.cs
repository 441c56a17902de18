namespace InteractionLab.Api.Tracing;

/// <summary>What a write did.</summary>
/// <param name="Inserted">Rows that were new.</param>
/// <param name="ClientWatermark">Highest contiguous client sequence now stored.</param>
public readonly record struct TraceWriteResult(int Inserted, long ClientWatermark);
