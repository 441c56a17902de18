using InteractionLab.Api.Hubs;
using InteractionLab.Api.Replies;
using InteractionLab.Api.Surveys;
using InteractionLab.Api.Tasks.SocialDialogue;
using InteractionLab.Api.Tracing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace InteractionLab.Api.Sessions;

/// <summary>Registers what a participant's session needs: sessions, dialogue, surveys, trace ingest and the hub.</summary>
public static class ParticipantSessionExtensions
{
    /// <summary>Adds the participant-facing application services and SignalR.</summary>
    public static IHostApplicationBuilder AddParticipantSessions(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<StudyConfigCache>();
        builder.AddReplies();
        builder.Services.AddSingleton<DialogueService>();
        builder.Services.AddScoped<ParticipantSessionService>();
        builder.Services.AddScoped<ReturningParticipants>();
        builder.Services.AddScoped<SurveyService>();
        builder.Services.AddScoped<TraceIngestService>();
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ParticipantAuthenticationHandler>(ParticipantAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ParticipantAuthenticationHandler.PolicyName, p => p
                .AddAuthenticationSchemes(ParticipantAuthenticationHandler.SchemeName)
                .RequireClaim(ParticipantAuthenticationHandler.SessionClaim));
        builder.Services.AddSingleton<SessionHubFilter>();
        var signalR = builder.Services.AddSignalR(o => o.MaximumReceiveMessageSize = 2 * 1024 * 1024)
            .AddHubOptions<SessionHub>(o => o.AddFilter<SessionHubFilter>())
            .AddJsonProtocol(o => Hosting.PlatformJson.Apply(o.PayloadSerializerOptions));
        // The dispatcher logs every refused call as an error with a stack trace; SessionHubFilter logs instead.
        builder.Logging.AddFilter("Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher", LogLevel.Critical);
        // With several instances, a message to a session's group (a saved reply) reaches the participant's connection
        // on whichever instance holds it (deploy/scale-out.md).
        if (builder.Configuration.GetConnectionString("Redis") is { Length: > 0 } redis)
            signalR.AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal("InteractionLab"));
        return builder;
    }
}
