using System.Security.Claims;
using InteractionLab.Api.Hosting;
using InteractionLab.Api.Annotation.Annotators;
using InteractionLab.Api.Annotation.Queue;
using InteractionLab.Domain.Surveys;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace InteractionLab.Api.Annotation.Endpoints;

public static partial class AnnotationApi
{
    private static void MapWork(RouteGroupBuilder api)
    {
        api.MapGet("/projects", async (ClaimsPrincipal user, AnnotatorDirectory directory, CancellationToken ct) =>
                ConfigJsonResults.Of(await directory.ProjectsForStaffAsync(user, ct)))
            .Documented("ListMyAnnotationProjects", "Open projects you can rate, with how many items you rated in each.");
        api.MapPost("/projects/{projectId:guid}/next", NextAsync)
            .Documented("NextAnnotationItem", "The item you hold (after a reload) or the next one, decided on the server; or why there is none.");
        api.MapGet("/projects/{projectId:guid}/progress", ProgressAsync)
            .Documented("AnnotationProgress", "How many items you rated and how many are left for you.");
        api.MapPut("/projects/{projectId:guid}/assignments/{assignmentId:long}/draft", DraftAsync)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .Documented("SaveAnnotationDraft", "Keeps the half-filled form of the item you hold.");
        api.MapPost("/projects/{projectId:guid}/assignments/{assignmentId:long}/submit", SubmitAsync)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .Documented("SubmitAnnotation", "Saves your ratings of the item (validated like a survey; answers keyed by question).");
        api.MapPost("/projects/{projectId:guid}/assignments/{assignmentId:long}/skip", SkipAsync)
            .ProducesValidationProblem()
            .Documented("SkipAnnotationItem", "Gives the item back with a reason; it goes to someone else.");
    }

    private static async Task<ConfigJson<AnnotationNext>> NextAsync(Guid projectId, ClaimsPrincipal user, AnnotatorDirectory directory,
        AnnotationQueue queue, CancellationToken ct) =>
        ConfigJsonResults.Of(await queue.NextAsync(await directory.ForStaffAsync(user, projectId, ct), ct));

    private static async Task<ConfigJson<AnnotatorProgress>> ProgressAsync(Guid projectId, ClaimsPrincipal user, AnnotatorDirectory directory,
        AnnotationQueue queue, CancellationToken ct) =>
        ConfigJsonResults.Of(await queue.ProgressAsync(await directory.ForStaffAsync(user, projectId, ct), ct));

    private static async Task<NoContent> DraftAsync(Guid projectId, long assignmentId, ConfigBody<List<SurveyAnswer>> body, ClaimsPrincipal user,
        AnnotatorDirectory directory, AnnotationSubmissions submissions, CancellationToken ct)
    {
        var annotator = await directory.ForStaffAsync(user, projectId, ct);
        await submissions.SaveDraftAsync(annotator, assignmentId, body.Value, ct);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> SubmitAsync(Guid projectId, long assignmentId, ConfigBody<AnnotationSubmission> body, ClaimsPrincipal user,
        AnnotatorDirectory directory, AnnotationSubmissions submissions, CancellationToken ct)
    {
        var annotator = await directory.ForStaffAsync(user, projectId, ct);
        await submissions.SubmitAsync(annotator, assignmentId, body.Value, ct);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> SkipAsync(Guid projectId, long assignmentId, ConfigBody<SkipRequest> body, ClaimsPrincipal user,
        AnnotatorDirectory directory, AnnotationSubmissions submissions, CancellationToken ct)
    {
        var annotator = await directory.ForStaffAsync(user, projectId, ct);
        await submissions.SkipAsync(annotator, assignmentId, body.Value.Reason, ct);
        return TypedResults.NoContent();
    }

    /// <summary>Body of a skip.</summary>
    /// <param name="Reason">Why (1 to 500 characters).</param>
    public sealed record SkipRequest(string? Reason);
}
