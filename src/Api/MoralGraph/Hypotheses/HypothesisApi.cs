using System.Security.Claims;
using InteractionLab.Api.Data;
using InteractionLab.Api.Staff;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InteractionLab.Api.MoralGraph.Hypotheses;

/// <summary>
/// <c>/api/v1/admin/studies/{id}/hypotheses</c>: list (filters <c>?status=&amp;context=&amp;question=</c>), generate
/// (a background job; poll <c>generations/{job}</c>), edit a story, approve or reject many. Researchers of the study
/// (manage to change, see to read) and admins; others get 404.
/// </summary>
public static class HypothesisApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapHypothesisApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/admin/studies/{id:guid}/hypotheses").WithTags("Moral graph hypotheses")
            .RequireAuthorization(StaffPolicies.Researcher)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("", async (Guid id, HypothesisStatus? status, string? context, string? question, ClaimsPrincipal user, HypothesisService s, CancellationToken ct) =>
                TypedResults.Ok(await s.ListAsync(user, id, new HypothesisFilter(status, context, question), ct)))
            .WithName("ListHypotheses").WithSummary("The study's wiser-than hypotheses, optionally by status (Draft, Approved, Rejected), context and question.");
        api.MapPost("/generate", async (Guid id, HypothesisGenerationRequest request, ClaimsPrincipal user, HypothesisGenerator g, CancellationToken ct) =>
            {
                var job = await g.StartAsync(user, id, request, ct);
                return TypedResults.Accepted($"/api/v1/admin/studies/{id}/hypotheses/generations/{job.Id}", job);
            })
            .WithName("GenerateHypotheses").WithSummary("Starts writing draft stories for a question with a model; answers 202 with the job to poll.");
        api.MapGet("/generations/{job:guid}", async (Guid id, Guid job, ClaimsPrincipal user, IStudyAccess access, PlatformDbContext db,
                HypothesisGenerator g, CancellationToken ct) =>
            {
                await access.GetVisibleAsync(db, user, id, ct);
                return TypedResults.Ok(await g.FindAsync(id, job, ct) ?? throw new PlatformProblemException(404, "Not found", "There is no such generation job for this study."));
            })
            .WithName("GetHypothesisGeneration").WithSummary("Progress of a generation job (started on any server).");
        api.MapPut("/{hypothesis:long}", async (Guid id, long hypothesis, HypothesisEdit edit, ClaimsPrincipal user, HypothesisService s, CancellationToken ct) =>
                TypedResults.Ok(await s.EditAsync(user, id, hypothesis, edit.Story, ct)))
            .WithName("EditHypothesis").WithSummary("Replaces a story; an approved story goes back to draft.");
        api.MapPost("/approve", async (Guid id, HypothesisDecision d, ClaimsPrincipal user, HypothesisService s, CancellationToken ct) =>
                TypedResults.Ok(new HypothesisDecisionOutcome(await s.DecideAsync(user, id, d.Ids, approve: true, ct))))
            .WithName("ApproveHypotheses").WithSummary("Approves hypotheses: participants may now vote on them.");
        api.MapPost("/reject", async (Guid id, HypothesisDecision d, ClaimsPrincipal user, HypothesisService s, CancellationToken ct) =>
                TypedResults.Ok(new HypothesisDecisionOutcome(await s.DecideAsync(user, id, d.Ids, approve: false, ct))))
            .WithName("RejectHypotheses").WithSummary("Rejects hypotheses: never shown to participants.");
        return app;
    }
}
