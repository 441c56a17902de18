using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;

namespace InteractionLab.Inference.Engine;

/// <summary>
/// Turns the configured provider ("cpu", "cuda", "auto") into session options. The CPU build of ONNX Runtime has
/// no CUDA provider: "auto" then falls back to the CPU and says so; "cuda" fails loudly rather than run slowly.
/// </summary>
internal static class ExecutionProviderSelector
{
    public const string Cpu = "CPUExecutionProvider";
    public const string Cuda = "CUDAExecutionProvider";

    public static SessionOptions Create(InferenceOptions options, string modelId, ILogger logger, out string provider)
    {
        var session = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            IntraOpNumThreads = options.IntraOpNumThreads,
            InterOpNumThreads = 1,
        };
        var requested = (options.ExecutionProvider ?? "auto").Trim().ToLowerInvariant();
        var cudaAvailable = OrtEnv.Instance().GetAvailableProviders().Contains(Cuda);
        switch (requested)
        {
            case "cpu":
                provider = Cpu;
                break;
            case "cuda" when !cudaAvailable:
                session.Dispose();
                throw new InvalidOperationException(
                    $"Model '{modelId}': ExecutionProvider 'cuda' was configured but this build of ONNX Runtime has no CUDA provider " +
                    "(build with -p:OnnxRuntimePackage=Microsoft.ML.OnnxRuntime.Gpu, or configure 'auto' or 'cpu').");
            case "cuda":
            case "auto" when cudaAvailable:
                session.AppendExecutionProvider_CUDA(options.DeviceId);
                provider = Cuda;
                break;
            case "auto":
                logger.LogWarning("Model {ModelId}: ExecutionProvider 'auto' found no CUDA provider in this ONNX Runtime build; running on the CPU.", modelId);
                provider = Cpu;
                break;
            default:
                session.Dispose();
                throw new InvalidOperationException($"Unknown ExecutionProvider '{options.ExecutionProvider}'; use 'cpu', 'cuda' or 'auto'.");
        }

        logger.LogInformation("Model {ModelId} runs on {Provider}.", modelId, provider);
        return session;
    }
}
