using InteractionLab.Api.Exports;
using InteractionLab.Api.Hubs;
using InteractionLab.Api.Imports;
using InteractionLab.Api.Jobs;
using InteractionLab.Api.Monitoring;
using InteractionLab.Api.MoralGraph;
using InteractionLab.Api.Protection;
using InteractionLab.Api.ConditionResults;
using InteractionLab.Api.Sessions;
using InteractionLab.Api.Stimuli;
using InteractionLab.Api.Studies;
using InteractionLab.Api.Tasks;
using InteractionLab.Api.Tasks.MetaphorWriting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace InteractionLab.Api.Hosting;

/// <summary>Middleware and endpoints of the server side, in the order they must run.</summary>
public static class PlatformEndpoints
{
    /// <summary>Error handling, auth, health, the participant door, the hub and the REST API.</summary>
    public static WebApplication MapPlatform(this WebApplication app)
    {
        app.UsePlatformProtection();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();

        // /health checks the database; /alive only says the process answers (for liveness probes).
        app.MapHealthChecks("/health");
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = _ => false });
        app.MapOpenApi();
        app.MapParticipantApi();
        app.MapHub<SessionHub>(SessionHub.Route).RequireRateLimiting(PlatformRateLimits.HubConnect);
        app.MapExportApi();
        app.MapCoAuthorImportApi();
        app.MapStudyBuilderApi();
        app.MapStudyLifecycleApi();
        app.MapMoralGraphApi();
        app.MapStudyResultsApi();
        app.MapWritingSentencesApi();
        app.MapStimulusApi();
        app.MapTaskCatalogApi();
        app.MapJobsDashboard();
        // Unknown API paths get a ProblemDetails 404 rather than an empty body.
        app.MapFallback("/api/{**path}", (HttpContext http) => TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"There is no API endpoint at {http.Request.Path}."));
        return app;
    }
}
