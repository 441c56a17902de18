using InteractionLab.Api.LanguageModels;
using InteractionLab.Api.MoralGraph.Values;
using InteractionLab.Inference;
using InteractionLab.Inference.Store;
using InteractionLab.Inference.Engine;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration.Memory;

namespace InteractionLab.Web.Hosting;

/// <summary>
/// The in-process ONNX engine as the gateway's <c>local</c> endpoint. Settings live under <c>Inference</c>
/// (ModelsDirectory, ExecutionProvider, GenerateDemoModels, ExtractPackagedModels, …); the embedded default writes the
/// demo models and the packaged MiniLM embedding model into <c>data/models</c> on first start so that
/// <c>dotnet run</c> works with nothing downloaded.
/// </summary>
public static class LocalModelsExtensions
{
    /// <summary>Configuration section of the engine.</summary>
    public const string Section = "Inference";

    /// <summary>Registers the engine and exposes it to the gateway.</summary>
    public static IHostApplicationBuilder AddLocalModels(this IHostApplicationBuilder builder)
    {
        // Lowest-priority defaults: any appsettings, environment variable or test setting overrides them.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                [$"{Section}:ModelsDirectory"] = "data/models",
                [$"{Section}:GenerateDemoModels"] = "true",
                [$"{Section}:ExtractPackagedModels"] = "true",
            },
        });
        builder.Services.AddLocalInference(builder.Configuration.GetSection(Section));
        builder.Services.AddSingleton<IChatClientSource, LocalChatClientSource>();
        // Value deduplication needs real semantic similarity: the packaged all-MiniLM-L6-v2, for which
        // ValueCanonicalizer's thresholds are calibrated (src/Api/MoralGraph/Values/README.md).
        builder.Services.AddSingleton<IEmbeddingSource>(sp => new EmbeddingSource($"{LanguageModelOptions.LocalEndpoint}/{PackagedModels.MiniLmModelId}",
            () => sp.GetRequiredService<LocalModelHost>().GetEmbeddingGenerator(PackagedModels.MiniLmModelId)));
        return builder;
    }

    private sealed class LocalChatClientSource(LocalModelHost host) : IChatClientSource
    {
        public string Endpoint => LanguageModelOptions.LocalEndpoint;

        public IChatClient GetClient(string model) => host.GetChatClient(model);

        public IReadOnlyList<SourceModel> ListModels() =>
            host.ListModels().Select(m => new SourceModel(m.Id, m.Kind, m.ExecutionProvider)).ToList();

        // The engine runs this many per model and refuses beyond its own short queue; the platform queues the rest.
        public int? CapacityOf(string model) => host.Options.MaxConcurrentRequestsPerModel;

        public bool IsBusy(Exception error) => error is ModelBusyException;

        public ModelContext? ContextOf(string model)
        {
            int? length;
            try
            {
                length = host.ContextLength(model);
            }
            catch (KeyNotFoundException)
            {
                return null; // not a chat model of this engine: the request itself says so
            }
            return length is { } tokens
                ? new ModelContext(tokens, (messages, completion) =>
                    host.CountPromptTokens(model, messages.Select(m => (m.Role.Value, m.Text)).ToList(), completion), Exact: true)
                : null;
        }
    }
}
