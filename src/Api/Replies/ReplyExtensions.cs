using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace InteractionLab.Api.Replies;

/// <summary>Registers the recording of model turns.</summary>
public static class ReplyExtensions
{
    /// <summary>Adds <see cref="ReplyRunner"/>, its store, spool, follower, <see cref="ReplyLifetime"/> and <see cref="ReplyRecovery"/>.</summary>
    public static IHostApplicationBuilder AddReplies(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReplyOptions>().BindConfiguration(ReplyOptions.Section);
        builder.Services.AddSingleton<ActiveReplies>();
        builder.Services.AddSingleton<ReplyStore>();
        builder.Services.AddSingleton<ReplySpool>();
        builder.Services.AddSingleton<ReplyRunner>();
        builder.Services.AddSingleton<ReplyFollower>();
        builder.Services.AddHostedService<ReplyLifetime>();
        builder.Services.AddHostedService<ReplyRecovery>();
        return builder;
    }
}
