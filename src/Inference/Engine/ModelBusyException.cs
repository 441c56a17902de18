namespace InteractionLab.Inference.Engine;

/// <summary>Thrown when a model's concurrency slots and queue are both full (HTTP 429).</summary>
internal sealed class ModelBusyException(string modelId, int limit, int queue)
    : Exception($"Model '{modelId}' is at capacity: {limit} requests running and {queue} queued. Retry later.");
