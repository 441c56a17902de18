using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;

namespace InteractionLab.Inference.Engine;

/// <summary>
/// Opens an ONNX Runtime session on the configured provider ("cpu", "cuda", "auto"). The CPU build of ONNX Runtime
/// has no CUDA provider, and a GPU build can still lack a driver or CUDA libraries at run time: "auto" then falls
/// back to the CPU and says so; "cuda" fails loudly rather than run a GPU model slowly on the CPU.
/// </summary>
internal static class ExecutionProviderSelector
{
    public const string Cpu = "CPUExecutionProvider";
    public const string Cuda = "CUDAExecutionProvider";

    /// <summary>Below this graph size a Run is microseconds of math; handing it to a thread pool costs more than it saves.</summary>
    private const long SmallModelBytes = 64L << 20;

    public static InferenceSession Open(string graphPath, InferenceOptions options, string modelId, ILogger logger, out string provider)
    {
        var requested = (options.ExecutionProvider ?? "auto").Trim().ToLowerInvariant();
        var cudaInBuild = OrtEnv.Instance().GetAvailableProviders().Contains(Cuda);
        switch (requested)
        {
            case "cpu":
                provider = Cpu;
                break;
            case "cuda" when !cudaInBuild:
                throw new InvalidOperationException(
                    $"Model '{modelId}': ExecutionProvider 'cuda' was configured but this build of ONNX Runtime has no CUDA provider " +
                    "(build with -p:OnnxRuntimePackage=Microsoft.ML.OnnxRuntime.Gpu, or configure 'auto' or 'cpu').");
            case "cuda":
                provider = Cuda;
                break;
            case "auto" when cudaInBuild:
                try
                {
                    var session = Create(graphPath, options, useCuda: true);
                    provider = Cuda;
                    logger.LogInformation("Model {ModelId} runs on {Provider}.", modelId, provider);
                    return session;
                }
                catch (OnnxRuntimeException e)
                {
                    logger.LogWarning("Model {ModelId}: ExecutionProvider 'auto' could not start CUDA ({Reason}); running on the CPU.", modelId, e.Message);
                    provider = Cpu;
                }

                break;
            case "auto":
                logger.LogWarning("Model {ModelId}: ExecutionProvider 'auto' found no CUDA provider in this ONNX Runtime build; running on the CPU.", modelId);
                provider = Cpu;
                break;
            default:
                throw new InvalidOperationException($"Unknown ExecutionProvider '{options.ExecutionProvider}'; use 'cpu', 'cuda' or 'auto'.");
        }

        var opened = Create(graphPath, options, useCuda: provider == Cuda);
        logger.LogInformation("Model {ModelId} runs on {Provider}.", modelId, provider);
        return opened;
    }

    private static InferenceSession Create(string graphPath, InferenceOptions options, bool useCuda)
    {
        var threads = options.IntraOpNumThreads == 0 && new FileInfo(graphPath).Length < SmallModelBytes ? 1 : options.IntraOpNumThreads;
        using var session = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
        };
        if (useCuda)
        {
            session.AppendExecutionProvider_CUDA(options.DeviceId);
        }

        return new InferenceSession(graphPath, session);
    }
}
