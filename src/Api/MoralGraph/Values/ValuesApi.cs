using System.Security.Claims;
using InteractionLab.Api.Staff;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InteractionLab.Api.MoralGraph.Values;

/// <summary>
/// <c>/api/v1/admin/studies/{id}/values</c>: a study's canonical values with their cards, merging two values and
/// splitting a card off (signed-in researchers; the study must be one they can see, or manage to change).
/// </summary>
public static class ValuesApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapValuesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/admin/studies/{id:guid}/values").WithTags("Moral graph")
            .RequireAuthorization(StaffPolicies.Researcher)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("", async (Guid id, string? question, ClaimsPrincipal user, ValuesService values, CancellationToken ct) =>
                TypedResults.Ok(await values.ListAsync(user, id, question, ct)))
            .WithName("ListCanonicalValues").WithSummary("The study's canonical values with their member cards (?question= to narrow).");
        api.MapPost("/merge", async (Guid id, MergeValuesRequest body, ClaimsPrincipal user, ValuesService values, CancellationToken ct) =>
                TypedResults.Ok(await values.MergeAsync(user, id, body.IntoValueId ?? "", body.FromValueId ?? "", ct)))
            .WithName("MergeCanonicalValues").WithSummary("Moves every card (and vote) of fromValueId into intoValueId; audited.");
        api.MapPost("/cards/{cardId:long}/split", async (Guid id, long cardId, ClaimsPrincipal user, ValuesService values, CancellationToken ct) =>
                TypedResults.Ok(await values.SplitAsync(user, id, cardId, ct)))
            .WithName("SplitValueCard").WithSummary("Moves one card into a new value of its own; audited.");
        return app;
    }
}

/// <summary>Body of a merge.</summary>
/// <param name="IntoValueId">The value that stays.</param>
/// <param name="FromValueId">The value whose cards move into it.</param>
public sealed record MergeValuesRequest(string? IntoValueId, string? FromValueId);
