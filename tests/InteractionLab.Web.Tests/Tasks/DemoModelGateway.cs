using InteractionLab.Api.LanguageModels;
using InteractionLab.Inference;
using InteractionLab.Inference.Demo;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InteractionLab.Web.Tests.Tasks;

/// <summary>
/// The real gateway over the real in-process demo model (endpoint "local", model "demo-chat"), generated once per
/// test run into a temporary folder, for task components that ask for suggestions in bUnit.
/// </summary>
public static class DemoModelGateway
{
    private static readonly Lazy<LanguageModelGateway> Shared = new(Create);

    /// <summary>The gateway (shared: the model is loaded once).</summary>
    public static LanguageModelGateway Instance => Shared.Value;

    private static LanguageModelGateway Create()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ilab-web-tests-models-" + Guid.NewGuid().ToString("N")[..8]);
        DemoModels.EnsureAsync(dir).GetAwaiter().GetResult();
        var services = new ServiceCollection()
            .AddLocalInference(o => { o.ModelsDirectory = dir; o.ExecutionProvider = "cpu"; o.IntraOpNumThreads = 1; })
            .AddHttpClient().AddDataProtection().Services
            .BuildServiceProvider();
        var host = services.GetRequiredService<LocalModelHost>();
        var registry = new ChatClientRegistry([new LocalSource(host)], Options.Create(new LanguageModelOptions()), services.GetRequiredService<IHttpClientFactory>(),
            NoDatabase.Contexts, new ModelEndpointKeys(services.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>()),
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, TimeProvider.System);
        return new LanguageModelGateway(registry, TimeProvider.System);
    }

    private sealed class LocalSource(LocalModelHost host) : IChatClientSource
    {
        public string Endpoint => LanguageModelOptions.LocalEndpoint;
        public IChatClient GetClient(string model) => host.GetChatClient(model);
    }
}
