namespace InteractionLab.Inference.Engine;

/// <summary>The requested model id is not in the models directory, or is of the wrong kind (HTTP 404).</summary>
internal sealed class ModelNotFoundException(string message) : KeyNotFoundException(message);
