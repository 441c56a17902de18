using InteractionLab.Api.Simulation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace InteractionLab.Api.Registry;

/// <summary>Registers the model registry, usage reporting and simulated participants.</summary>
public static class RegistryExtensions
{
    /// <summary>Adds <see cref="EndpointModelLister"/>, <see cref="ModelRegistryService"/>, <see cref="ModelUsageService"/> and the simulation runner.</summary>
    public static IHostApplicationBuilder AddModelRegistry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<EndpointModelLister>();
        builder.Services.AddSingleton<ConditionModelCheck>();
        builder.Services.AddSingleton<ModelRegistryService>();
        builder.Services.AddSingleton<ModelUsageService>();
        builder.Services.AddSingleton<SimulationRuns>();
        builder.Services.AddSingleton<SimulatedParticipant>();
        builder.Services.AddSingleton<SimulationWorker>();
        return builder;
    }
}
