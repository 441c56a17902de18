using InteractionLab.Api.LanguageModels;
using InteractionLab.Inference;
using InteractionLab.Inference.Engine;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration.Memory;

namespace InteractionLab.Web.Hosting;

/// <summary>
/// The in-process ONNX engine as the gateway's <c>local</c> endpoint. Settings live under <c>Inference</c>
/// (ModelsDirectory, ExecutionProvider, GenerateDemoModels, …); the embedded default writes the demo models into
/// <c>data/models</c> on first start so that <c>dotnet run</c> works with nothing downloaded.
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
            },
        });
        builder.Services.AddLocalInference(builder.Configuration.GetSection(Section));
        builder.Services.AddSingleton<IChatClientSource, LocalChatClientSource>();
        builder.Services.AddSingleton<InteractionLab.Api.MoralGraph.Values.IEmbeddingSource>(sp => new InteractionLab.Api.MoralGraph.Values.EmbeddingSource($"{LanguageModelOptions.LocalEndpoint}/{InteractionLab.Inference.Demo.DemoModels.EmbeddingModelId}", () => sp.GetRequiredService<LocalModelHost>().GetEmbeddingGenerator(InteractionLab.Inference.Demo.DemoModels.EmbeddingModelId)));
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
