using System.Security.Claims;
using System.Text;
using InteractionLab.Api.Annotation.Annotators;
using InteractionLab.Api.Annotation.Projects;
using InteractionLab.Api.Annotation.Quality;
using InteractionLab.Domain.Annotation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace InteractionLab.Api.Annotation.Endpoints;

public static partial class AnnotationApi
{
    /// <summary>Largest item file accepted.</summary>
    public const int MaxFileBytes = 20 * 1024 * 1024;

    private static void MapProjects(RouteGroupBuilder api)
    {
        api.MapGet("/templates", () => Json(AnnotationTemplates.All))
            .Documented("ListAnnotationTemplates", "Ready-made projects (HALIE summaries and metaphors, dialogue transcripts) with their configs.");
        api.MapGet("/projects", ListProjectsAsync)
            .Documented("ListAnnotationProjects", "The study's annotation projects with their progress.");
        api.MapPost("/projects", CreateProjectAsync).Accepts<CreateAnnotationProject>("application/json").ProducesValidationProblem()
            .Documented("CreateAnnotationProject", "Creates a project from a template or a config, and backfills items from completed sessions.");
        api.MapGet("/projects/{projectId:guid}", GetProjectAsync)
            .Documented("GetAnnotationProject", "One project: config, revision, config hash and counts.");
        api.MapPut("/projects/{projectId:guid}/config", UpdateProjectAsync).Accepts<AnnotationProjectConfig>("application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .Documented("UpdateAnnotationProject", "Saves a new config; ?revision= must be the current revision (else 409).");
        api.MapPost("/projects/{projectId:guid}/status", SetStatusAsync).Accepts<ProjectStatusChange>("application/json")
            .Documented("SetAnnotationProjectStatus", "Opens, pauses or closes a project.");
        api.MapGet("/projects/{projectId:guid}/items", ListItemsAsync)
            .Documented("ListAnnotationItems", "Items (newest first) with where they came from; ?skip=&take= (at most 1000).");
        api.MapPost("/projects/{projectId:guid}/items", AddItemsAsync).Accepts<List<ManualItem>>("application/json")
            .Documented("AddAnnotationItems", "Adds items by hand (a JSON array of items); problems are listed by position and nothing is saved then.");
        // No content-type constraint: a file arrives as whatever the client calls it (text/csv, application/x-ndjson, text/plain).
        api.MapPost("/projects/{projectId:guid}/items/file", UploadItemsAsync)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .Documented("UploadAnnotationItems", "Adds the items of a JSON Lines or CSV file (?name=file.jsonl|file.csv); problems are listed by line.");
        api.MapGet("/projects/{projectId:guid}/agreement", AgreementAsync)
            .Documented("GetAnnotationAgreement", "Krippendorff's alpha per question with its bootstrap 95% interval, percent agreement and alpha as ratings came in.");
        api.MapGet("/projects/{projectId:guid}/annotators", AnnotatorsAsync)
            .Documented("ListAnnotators", "Per-annotator quality: items, skips, time per item, gold accuracy, attention checks, agreement with the others.");
        api.MapPost("/projects/{projectId:guid}/annotators/{annotatorId:guid}/exclusion", ExcludeAsync).Accepts<AnnotatorExclusionChange>("application/json")
            .Documented("SetAnnotatorExclusion", "Excludes an annotator (their ratings leave every aggregate, stay flagged in raw exports) or lets them back in.");
    }

    private static async Task<JsonHttpResult<IReadOnlyList<AnnotationProjectView>>> ListProjectsAsync(Guid studyId, ClaimsPrincipal user, AnnotationProjects projects, CancellationToken ct) =>
        Json(await projects.ListAsync(user, studyId, ct));

    private static async Task<JsonHttpResult<ProjectSaved>> CreateProjectAsync(Guid studyId, HttpRequest request, ClaimsPrincipal user, AnnotationProjects projects, CancellationToken ct) =>
        Json(await projects.CreateAsync(user, studyId, await BodyAsync<CreateAnnotationProject>(request, ct), ct), StatusCodes.Status201Created);

    private static async Task<JsonHttpResult<AnnotationProjectView>> GetProjectAsync(Guid studyId, Guid projectId, ClaimsPrincipal user, AnnotationProjects projects, CancellationToken ct) =>
        Json(await projects.GetAsync(user, studyId, projectId, ct));

    private static async Task<JsonHttpResult<ProjectSaved>> UpdateProjectAsync(Guid studyId, Guid projectId, int revision, HttpRequest request,
        ClaimsPrincipal user, AnnotationProjects projects, CancellationToken ct) =>
        Json(await projects.UpdateAsync(user, studyId, projectId, revision, await BodyAsync<AnnotationProjectConfig>(request, ct), ct));

    private static async Task<JsonHttpResult<AnnotationProjectView>> SetStatusAsync(Guid studyId, Guid projectId, HttpRequest request,
        ClaimsPrincipal user, AnnotationProjects projects, CancellationToken ct) =>
        Json(await projects.SetStatusAsync(user, studyId, projectId, (await BodyAsync<ProjectStatusChange>(request, ct)).Status, ct));

    private static async Task<JsonHttpResult<IReadOnlyList<ItemSummary>>> ListItemsAsync(Guid studyId, Guid projectId, int? skip, int? take,
        ClaimsPrincipal user, ProjectItems items, CancellationToken ct) =>
        Json(await items.ListAsync(user, studyId, projectId, skip ?? 0, take ?? 100, ct));

    private static async Task<JsonHttpResult<ItemsAdded>> AddItemsAsync(Guid studyId, Guid projectId, HttpRequest request,
        ClaimsPrincipal user, ProjectItems items, CancellationToken ct)
    {
        var result = await items.AddAsync(user, studyId, projectId, await BodyAsync<List<ManualItem>>(request, ct), ct);
        return Json(result, result.Errors.Count > 0 ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status200OK);
    }

    private static async Task<JsonHttpResult<ItemsAdded>> UploadItemsAsync(Guid studyId, Guid projectId, string? name, HttpRequest request,
        ClaimsPrincipal user, ProjectItems items, CancellationToken ct)
    {
        if (request.ContentLength > MaxFileBytes)
            throw new PlatformProblemException(413, "File too large", $"Item files are limited to {MaxFileBytes / (1024 * 1024)} MB; split it.");
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(ct);
        var fileName = name ?? (request.ContentType?.Contains("csv", StringComparison.OrdinalIgnoreCase) == true ? "items.csv" : "items.jsonl");
        var result = await items.UploadAsync(user, studyId, projectId, fileName, text.TrimStart('\uFEFF'), ct);
        return Json(result, result.Errors.Count > 0 ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status200OK);
    }

    private static async Task<JsonHttpResult<ProjectAgreement>> AgreementAsync(Guid studyId, Guid projectId, ClaimsPrincipal user,
        AnnotationProjects projects, AgreementReport agreement, CancellationToken ct)
    {
        await projects.GetAsync(user, studyId, projectId, ct);
        return Json(await agreement.ComputeAsync(projectId, ct: ct));
    }

    private static async Task<JsonHttpResult<IReadOnlyList<AnnotatorQualityRow>>> AnnotatorsAsync(Guid studyId, Guid projectId, ClaimsPrincipal user,
        AnnotationProjects projects, AnnotatorQuality quality, CancellationToken ct)
    {
        await projects.GetAsync(user, studyId, projectId, ct);
        return Json(await quality.ComputeAsync(projectId, ct));
    }

    private static async Task<NoContent> ExcludeAsync(Guid studyId, Guid projectId, Guid annotatorId, HttpRequest request, ClaimsPrincipal user,
        AnnotatorExclusion exclusion, CancellationToken ct)
    {
        await exclusion.SetAsync(user, studyId, projectId, annotatorId, await BodyAsync<AnnotatorExclusionChange>(request, ct), ct);
        return TypedResults.NoContent();
    }
}
