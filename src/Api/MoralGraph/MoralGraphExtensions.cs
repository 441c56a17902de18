using InteractionLab.Api.ApiKeys;
using InteractionLab.Api.MoralGraph.Interview;
using InteractionLab.Api.MoralGraph.Values;
using InteractionLab.Api.MoralGraph.Hypotheses;
using InteractionLab.Api.MoralGraph.Voting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace InteractionLab.Api.MoralGraph;

/// <summary>Registers <see cref="MoralGraphService"/> and the shared staff-or-API-key scheme its endpoints use.</summary>
public static class MoralGraphExtensions
{
    /// <summary>Adds the service and the scheme (<see cref="StaffOrApiKey"/>).</summary>
    public static IHostApplicationBuilder AddMoralGraph(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<MoralGraphService>();
        builder.Services.AddScoped<MoralGraphPhases>();
        builder.Services.AddSingleton<ValueCanonicalizer>();
        builder.Services.AddSingleton<InterviewService>();
        builder.Services.AddScoped<ValuesService>();
        builder.Services.AddScoped<HypothesisService>();
        builder.Services.AddSingleton<HypothesisGenerator>();
        builder.Services.AddSingleton<MoralVoting>();
        builder.Services.AddStaffOrApiKeyScheme();
        return builder;
    }
}
