using System.Reflection;
using InteractionLab.Api.ConditionResults;
using InteractionLab.Api.Stimuli;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace InteractionLab.Api.Tasks;

/// <summary>Registers the task catalog.</summary>
public static class TaskCatalogExtensions
{
    /// <summary>
    /// Finds every task type (a public class implementing <see cref="ITaskType"/> with a parameterless constructor)
    /// in this assembly and in <paramref name="more"/>, registers it with its metric source, and adds the services
    /// task stages use: the event log, model calls, stimulus store and task sessions.
    /// </summary>
    public static IHostApplicationBuilder AddTaskCatalog(this IHostApplicationBuilder builder, params Assembly[] more)
    {
        var types = TaskCatalog.Discover(more);
        foreach (var type in types)
        {
            builder.Services.AddSingleton(type);
            if (type.MetricSource is { } source) builder.Services.AddScoped(typeof(ISessionMetricSource), source);
        }
        builder.Services.AddSingleton<TaskCatalog>();
        builder.Services.AddSingleton<TaskEventLog>();
        builder.Services.AddSingleton<TaskLanguageModel>();
        builder.Services.AddScoped<StimulusStore>();
        builder.Services.AddSingleton<TaskSessions>();
        return builder;
    }
}
