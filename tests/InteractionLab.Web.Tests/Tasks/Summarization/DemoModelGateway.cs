using InteractionLab.Api.LanguageModels;
using InteractionLab.Inference;
using InteractionLab.Inference.Demo;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace InteractionLab.Web.Tests.Tasks.Summarization;

/// <summary>
/// The real gateway on the real in-process engine with the generated demo model (endpoint <c>local</c>), for
/// component tests of task pages: written once per test process into a temporary folder.
/// </summary>
public static class DemoModelGateway
{
    private static readonly Lazy<Task<LanguageModelGateway>> Shared = new(CreateAsync);

    /// <summary>The shared gateway.</summary>
    public static Task<LanguageModelGateway> GetAsync() => Shared.Value;

    private static async Task<LanguageModelGateway> CreateAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"interactionlab-webtests-models-{Environment.ProcessId}");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        await DemoModels.EnsureAsync(dir);
        var host = new LocalModelHost(Options.Create(new InferenceOptions { ModelsDirectory = dir, ExecutionProvider = "cpu" }), NullLogger<LocalModelHost>.Instance, TimeProvider.System);
        var services = new ServiceCollection().AddHttpClient().AddDataProtection().Services.BuildServiceProvider();
        var registry = new ChatClientRegistry([new LocalSource(host)], Options.Create(new LanguageModelOptions()),
            services.GetRequiredService<IHttpClientFactory>(), NoDatabase.Contexts,
            new ModelEndpointKeys(services.GetRequiredService<IDataProtectionProvider>()),
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, TimeProvider.System);
        return new LanguageModelGateway(registry, TimeProvider.System);
    }

    // The same adapter the web host registers for the engine (that one is private to the host).
    private sealed class LocalSource(LocalModelHost host) : IChatClientSource
    {
        public string Endpoint => LanguageModelOptions.LocalEndpoint;

        public IChatClient GetClient(string model) => host.GetChatClient(model);
    }
}
