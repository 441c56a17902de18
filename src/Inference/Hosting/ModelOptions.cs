namespace InteractionLab.Inference;

/// <summary>Settings for one model, overriding what is detected from its files.</summary>
public sealed class ModelOptions
{
    /// <summary>"chatml", "llama3" or "plain"; detected from tokenizer_config.json when empty.</summary>
    public string? ChatTemplate { get; set; }

    /// <summary>Execution provider for this model only ("cpu", "cuda", "auto").</summary>
    public string? ExecutionProvider { get; set; }
}
