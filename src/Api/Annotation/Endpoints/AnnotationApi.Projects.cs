using System.Security.Claims;
using InteractionLab.Api.Hosting;
using System.Text;
using InteractionLab.Api.Annotation.Annotators;
using InteractionLab.Api.Annotation.Projects;
using InteractionLab.Api.Annotation.Quality;
using InteractionLab.Domain.Annotation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Microsoft.AspNetCore.Routing;

namespace InteractionLab.Api.Annotation.Endpoints;

public static partial class AnnotationApi
{
    /// <summary>Largest item file accepted.</summary>
    public const int MaxFileBytes = 20 * 1024 * 1024;

    private static void MapProjects(RouteGroupBuilder api)
    {
        api.MapGet("/templates", () => ConfigJsonResults.Of(AnnotationTemplates.All))
            .Documented("ListAnnotationTemplates", "Ready-made projects (HALIE summaries and metaphors, dialogue transcripts) with their configs.");
        api.MapGet("/projects", ListProjectsAsync)
            .Documented("ListAnnotationProjects", "The study's annotation projects with their progress.");
        api.MapPost("/projects", CreateProjectAsync).ProducesValidationProblem()
            .Documented("CreateAnnotationProject", "Creates a project from a template or a config, and backfills items from completed sessions.");
        api.MapGet("/projects/{projectId:guid}", GetProjectAsync)
            .Documented("GetAnnotationProject", "One project: config, revision, config hash and counts.");
        api.MapPut("/projects/{projectId:guid}/config", UpdateProjectAsync)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .Documented("UpdateAnnotationProject", "Saves a new config; ?revision= must be the current revision (else 409).");
        api.MapPost("/projects/{projectId:guid}/status", SetStatusAsync)
            .Documented("SetAnnotationProjectStatus", "Opens, pauses or closes a project.");
        api.MapGet("/projects/{projectId:guid}/items", ListItemsAsync)
            .Documented("ListAnnotationItems", "Items (newest first) with where they came from; ?skip=&take= (at most 1000).");
        api.MapPost("/projects/{projectId:guid}/items", AddItemsAsync).Produces<ItemsAdded>(StatusCodes.Status422UnprocessableEntity)
            .Documented("AddAnnotationItems", "Adds items by hand (a JSON array of items); problems are listed by position and nothing is saved then.");
        // No content-type constraint: a file arrives as whatever the client calls it (text/csv, application/x-ndjson, text/plain).
        api.MapPost("/projects/{projectId:guid}/items/file", UploadItemsAsync).AddOpenApiOperationTransformer(DescribeItemFile)
            .Produces<ItemsAdded>(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .Documented("UploadAnnotationItems", "Adds the items of a JSON Lines or CSV file (?name=file.jsonl|file.csv); problems are listed by line.");
        api.MapGet("/projects/{projectId:guid}/agreement", AgreementAsync)
            .Documented("GetAnnotationAgreement", "Krippendorff's alpha per question with its bootstrap 95% interval, percent agreement and alpha as ratings came in.");
        api.MapGet("/projects/{projectId:guid}/annotators", AnnotatorsAsync)
            .Documented("ListAnnotators", "Per-annotator quality: items, skips, time per item, gold accuracy, attention checks, agreement with the others.");
        api.MapPost("/projects/{projectId:guid}/annotators/{annotatorId:guid}/exclusion", ExcludeAsync)
            .Documented("SetAnnotatorExclusion", "Excludes an annotator (their ratings leave every aggregate, stay flagged in raw exports) or lets them back in.");
    }

    // The file is read as it comes (Accepts metadata would refuse content types nobody listed), so OpenAPI is told here.
    private static Task DescribeItemFile(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var text = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "A JSON Lines or CSV file of items.",
            Content = new Dictionary<string, OpenApiMediaType> { ["application/x-ndjson"] = text, ["text/csv"] = text },
        };
        return Task.CompletedTask;
    }

    private static async Task<ConfigJson<IReadOnlyList<AnnotationProjectView>>> ListProjectsAsync(Guid studyId, ClaimsPrincipal user, AnnotationProjects projects, CancellationToken ct) =>
        ConfigJsonResults.Of(await projects.ListAsync(user, studyId, ct));

    private static async Task<ConfigCreated<ProjectSaved>> CreateProjectAsync(Guid studyId, ConfigBody<CreateAnnotationProject> body, ClaimsPrincipal user, AnnotationProjects projects, CancellationToken ct) =>
        ConfigJsonResults.Created(await projects.CreateAsync(user, studyId, body.Value, ct));

    private static async Task<ConfigJson<AnnotationProjectView>> GetProjectAsync(Guid studyId, Guid projectId, ClaimsPrincipal user, AnnotationProjects projects, CancellationToken ct) =>
        ConfigJsonResults.Of(await projects.GetAsync(user, studyId, projectId, ct));

    private static async Task<ConfigJson<ProjectSaved>> UpdateProjectAsync(Guid studyId, Guid projectId, int revision, ConfigBody<AnnotationProjectConfig> body,
        ClaimsPrincipal user, AnnotationProjects projects, CancellationToken ct) =>
        ConfigJsonResults.Of(await projects.UpdateAsync(user, studyId, projectId, revision, body.Value, ct));

    private static async Task<ConfigJson<AnnotationProjectView>> SetStatusAsync(Guid studyId, Guid projectId, ConfigBody<ProjectStatusChange> body,
        ClaimsPrincipal user, AnnotationProjects projects, CancellationToken ct) =>
        ConfigJsonResults.Of(await projects.SetStatusAsync(user, studyId, projectId, body.Value.Status, ct));

    private static async Task<ConfigJson<IReadOnlyList<ItemSummary>>> ListItemsAsync(Guid studyId, Guid projectId, int? skip, int? take,
        ClaimsPrincipal user, ProjectItems items, CancellationToken ct) =>
        ConfigJsonResults.Of(await items.ListAsync(user, studyId, projectId, skip ?? 0, take ?? 100, ct));

    private static async Task<ConfigJson<ItemsAdded>> AddItemsAsync(Guid studyId, Guid projectId, ConfigBody<List<ManualItem>> body,
        ClaimsPrincipal user, ProjectItems items, CancellationToken ct)
    {
        var result = await items.AddAsync(user, studyId, projectId, body.Value, ct);
        return ConfigJsonResults.Of(result, result.Errors.Count > 0 ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status200OK);
    }

    private static async Task<ConfigJson<ItemsAdded>> UploadItemsAsync(Guid studyId, Guid projectId, string? name, HttpRequest request,
        ClaimsPrincipal user, ProjectItems items, CancellationToken ct)
    {
        if (request.ContentLength > MaxFileBytes)
            throw new PlatformProblemException(413, "File too large", $"Item files are limited to {MaxFileBytes / (1024 * 1024)} MB; split it.");
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(ct);
        var fileName = name ?? (request.ContentType?.Contains("csv", StringComparison.OrdinalIgnoreCase) == true ? "items.csv" : "items.jsonl");
        var result = await items.UploadAsync(user, studyId, projectId, fileName, text.TrimStart('\uFEFF'), ct);
        return ConfigJsonResults.Of(result, result.Errors.Count > 0 ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status200OK);
    }

    private static async Task<ConfigJson<ProjectAgreement>> AgreementAsync(Guid studyId, Guid projectId, ClaimsPrincipal user,
        AnnotationProjects projects, AgreementReport agreement, CancellationToken ct)
    {
        await projects.GetAsync(user, studyId, projectId, ct);
        return ConfigJsonResults.Of(await agreement.ComputeAsync(projectId, ct: ct));
    }

    private static async Task<ConfigJson<IReadOnlyList<AnnotatorQualityRow>>> AnnotatorsAsync(Guid studyId, Guid projectId, ClaimsPrincipal user,
        AnnotationProjects projects, AnnotatorQuality quality, CancellationToken ct)
    {
        await projects.GetAsync(user, studyId, projectId, ct);
        return ConfigJsonResults.Of(await quality.ComputeAsync(projectId, ct));
    }

    private static async Task<NoContent> ExcludeAsync(Guid studyId, Guid projectId, Guid annotatorId, ConfigBody<AnnotatorExclusionChange> body, ClaimsPrincipal user,
        AnnotatorExclusion exclusion, CancellationToken ct)
    {
        await exclusion.SetAsync(user, studyId, projectId, annotatorId, body.Value, ct);
        return TypedResults.NoContent();
    }
}
