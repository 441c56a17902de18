using System.Security.Claims;
using InteractionLab.Api.Staff;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace InteractionLab.Api.Registry;

/// <summary>REST access to model usage: <c>GET /api/v1/admin/usage?study=</c> for signed-in researchers and admins.</summary>
public static class RegistryApi
{
    /// <summary>Maps the usage endpoint.</summary>
    public static IEndpointRouteBuilder MapRegistryApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/admin/usage", GetUsageAsync)
            .WithTags("Models").WithName("ModelUsage")
            .WithSummary("Model requests, input and output tokens and mean latency per study and condition (?study= limits to one study id).")
            .RequireAuthorization(StaffPolicies.Researcher);
        return app;
    }

    /// <summary>Usage rows of the studies the caller may see.</summary>
    public static async Task<Ok<IReadOnlyList<ModelUsage>>> GetUsageAsync(Guid? study, ClaimsPrincipal user, ModelUsageService usage, CancellationToken ct) =>
        TypedResults.Ok(await usage.GetAsync(user, study, ct));
}
