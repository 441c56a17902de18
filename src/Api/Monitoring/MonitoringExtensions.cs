using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace InteractionLab.Api.Monitoring;

/// <summary>Registers study lifecycle actions and the dashboard queries (the activity notifier comes with the database).</summary>
public static class MonitoringExtensions
{
    /// <summary>Adds <see cref="StudyLifecycleService"/>, <see cref="StudyDashboardQuery"/>, <see cref="SessionDetailQuery"/> and <see cref="StudyLinkService"/>.</summary>
    public static IHostApplicationBuilder AddMonitoring(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<StudyLifecycleService>();
        builder.Services.AddScoped<StudyDashboardQuery>();
        builder.Services.AddScoped<SessionDetailQuery>();
        builder.Services.AddScoped<TaskReplayQuery>();
        builder.Services.AddScoped<StudyLinkService>();
        builder.Services.AddOptions<ParticipantLinkOptions>().BindConfiguration(ParticipantLinkOptions.Section);
        return builder;
    }
}
