using InteractionLab.Inference.Demo;
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
    /// MaxConcurrentRequestsPerModel, MaxQueuedRequestsPerModel, ApiKey, GenerateDemoModels, Models:{id}:ChatTemplate, ...)
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
        services.TryAddSingleton<LocalModelHost>();
        services.AddHostedService<DemoModelsStartup>();
        return services;
    }

    /// <summary>Writes the demo models before the app serves requests when GenerateDemoModels is on.</summary>
    private sealed class DemoModelsStartup(IOptions<InferenceOptions> options) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => options.Value.GenerateDemoModels
            ? DemoModels.EnsureAsync(options.Value.ModelsDirectory, cancellationToken)
            : Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
