namespace InteractionLab.Inference;

/// <summary>A model found in the models directory.</summary>
/// <param name="Id">Model id: the directory name, or "owner/name" for pulled hub repositories.</param>
/// <param name="Kind">"chat" for decoders, "embedding" for encoders.</param>
/// <param name="Description">Free text from config.json (the demo models say "Demo model (random weights)").</param>
/// <param name="ExecutionProvider">The ONNX Runtime provider it runs on, or null while it is not loaded yet.</param>
public sealed record LocalModelInfo(string Id, string Kind, string? Description, string? ExecutionProvider);
