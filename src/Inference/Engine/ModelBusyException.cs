namespace InteractionLab.Inference.Engine;

/// <summary>
/// Thrown when a model's concurrency slots and queue are both full (HTTP 429). Public so that in-process callers can
/// recognise "busy, ask again later" and wait instead of failing.
/// </summary>
public sealed class ModelBusyException : Exception
{
    internal ModelBusyException(string modelId, int limit, int queue)
        : base($"Model '{modelId}' is at capacity: {limit} requests running and {queue} queued. Retry later.")
    {
    }
}
