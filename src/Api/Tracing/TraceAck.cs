namespace InteractionLab.Api.Tracing;

/// <summary>
/// Acknowledgement of a batch. The browser drops exactly <see cref="Sequences"/> from its outbox: the server lists an
/// event only once it is stored — new, or already there with the same content (a re-sent batch). An event of the batch
/// that is not listed was not stored and stays queued.
/// </summary>
/// <param name="Sequences">The batch's sequences that are now stored.</param>
/// <param name="Inserted">How many were new (0 for a replayed batch).</param>
/// <param name="Repaired">How many of the new ones were stored in a safe form (see <c>PayloadIssue</c> in the export).</param>
public sealed record TraceAck(IReadOnlyList<long> Sequences, int Inserted, int Repaired);
