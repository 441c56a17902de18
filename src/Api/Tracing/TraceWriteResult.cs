namespace InteractionLab.Api.Tracing;

/// <summary>What a write did.</summary>
/// <param name="Stored">Sequences of the batch that are stored now (new, or already there with the same content).</param>
/// <param name="Inserted">How many rows were new.</param>
public sealed record TraceWriteResult(IReadOnlyList<long> Stored, int Inserted);
