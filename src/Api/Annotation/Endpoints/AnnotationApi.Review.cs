using System.Security.Claims;
using InteractionLab.Api.Hosting;
using InteractionLab.Api.Annotation.Review;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace InteractionLab.Api.Annotation.Endpoints;

public static partial class AnnotationApi
{
    private static void MapReview(RouteGroupBuilder api)
    {
        api.MapGet("/projects", async (ClaimsPrincipal user, ReviewQueue review, CancellationToken ct) => ConfigJsonResults.Of(await review.ProjectsAsync(user, ct)))
            .Documented("ListReviewProjects", "Projects you may review, with how many items wait.");
        api.MapGet("/projects/{projectId:guid}/queue", async (Guid projectId, ClaimsPrincipal user, ReviewQueue review, CancellationToken ct) =>
                ConfigJsonResults.Of(await review.QueueAsync(user, projectId, ct)))
            .Documented("ReviewQueue", "Items whose ratings disagree beyond the threshold, or were flagged: flagged first, then by disagreement.");
        api.MapGet("/items/{itemId:guid}", async (Guid itemId, ClaimsPrincipal user, ReviewQueue review, CancellationToken ct) =>
                ConfigJsonResults.Of(await review.ItemAsync(user, itemId, ct)))
            .Documented("ReviewItem", "An item with every rating (annotators as A1…Ak), the consensus and any adjudication.");
        api.MapPost("/items/{itemId:guid}/adjudication", AdjudicateAsync).ProducesValidationProblem()
            .Documented("AdjudicateItem", "Records the final values of an item's questions with a note (audited).");
    }

    private static async Task<ConfigJson<ReviewItem>> AdjudicateAsync(Guid itemId, ConfigBody<AdjudicationRequest> body, ClaimsPrincipal user, ReviewQueue review, CancellationToken ct) =>
        ConfigJsonResults.Of(await review.AdjudicateAsync(user, itemId, body.Value, ct));
}
