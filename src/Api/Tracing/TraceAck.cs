namespace InteractionLab.Api.Tracing;

/// <summary>
/// Acknowledgement of a stored batch. The browser drops exactly <see cref="Sequences"/> from its outbox and
/// compares <see cref="HighestContiguousSequence"/> with what it has sent to find gaps to re-send.
/// </summary>
/// <param name="Sequences">Every sequence of the batch; all are now stored (new or already there).</param>
/// <param name="HighestContiguousSequence">Highest n such that events 1..n of the session are all stored.</param>
/// <param name="Inserted">How many were new (0 for a replayed batch).</param>
public sealed record TraceAck(IReadOnlyList<long> Sequences, long HighestContiguousSequence, int Inserted);
