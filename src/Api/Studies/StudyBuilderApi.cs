using System.Security.Claims;
using System.Text.Json;
using InteractionLab.Api.Staff;
using InteractionLab.Domain.Studies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InteractionLab.Api.Studies;

/// <summary>
/// The builder's REST door under <c>/api/v1/admin/studies</c>, for researchers (which studies: <see cref="IStudyAccess"/>).
/// Configs travel in the same JSON as they are stored and hashed (<see cref="ConfigHash.Json"/>: camelCase,
/// kebab-case enum names), so a config downloaded here can be posted back unchanged.
/// </summary>
public static class StudyBuilderApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapStudyBuilderApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/admin/studies").WithTags("Study builder").RequireAuthorization(StaffPolicies.Researcher);
        api.MapGet("/", async (ClaimsPrincipal user, StudyBuilderService builder, CancellationToken ct) =>
            Json(await builder.ListAsync(user, ct))).WithName("ListStudies").WithSummary("Studies you may manage.");
        api.MapPost("/", async (HttpRequest request, ClaimsPrincipal user, StudyBuilderService builder, CancellationToken ct) =>
        {
            var body = await ReadAsync<CreateStudyRequest>(request, ct);
            var missing = new Dictionary<string, string[]>();
            if (body.Slug is null) missing["slug"] = ["Give the study's link slug, e.g. \"chat-study-2\"."];
            if (body.Config is null) missing["config"] = ["Give the study's config (the JSON that GET …/config returns)."];
            if (missing.Count > 0) throw PlatformProblemException.BadInput("The study was not created: the body needs {slug, config}.", missing);
            var created = await builder.CreateAsync(user, body.Slug!, body.Config!, ct);
            return Results.Json(created, ConfigHash.Json, statusCode: StatusCodes.Status201Created);
        }).WithName("CreateStudy").WithSummary("Creates a draft study: {slug, config}.");
        api.MapGet("/{id:guid}/config", async (Guid id, ClaimsPrincipal user, StudyBuilderService builder, CancellationToken ct) =>
            Json(await builder.GetEditableAsync(user, id, ct))).WithName("GetStudyConfig").WithSummary("The newest config and whether saving makes a new version.");
        api.MapPut("/{id:guid}/config", async (Guid id, int? expectedVersion, HttpRequest request, ClaimsPrincipal user, StudyBuilderService builder, CancellationToken ct) =>
        {
            var config = await ReadAsync<StudyConfig>(request, ct);
            return Json(await builder.SaveAsync(user, id, config, expectedVersion, ct));
        }).WithName("SaveStudyConfig").WithSummary("Saves the config: replaces an unused draft version or freezes a new one (?expectedVersion= guards against overwriting).");
        api.MapGet("/{id:guid}/versions", async (Guid id, ClaimsPrincipal user, StudyBuilderService builder, CancellationToken ct) =>
            Json(await builder.GetVersionsAsync(user, id, ct))).WithName("ListStudyVersions").WithSummary("Frozen versions, newest first.");
        api.MapGet("/{id:guid}/versions/{a:int}/diff/{b:int}", async (Guid id, int a, int b, ClaimsPrincipal user, StudyBuilderService builder, CancellationToken ct) =>
            Json(await builder.DiffAsync(user, id, a, b, ct))).WithName("DiffStudyVersions").WithSummary("Path-level differences from version a to version b.");
        return app;
    }

    /// <summary>Body of <c>POST /api/v1/admin/studies</c>.</summary>
    /// <param name="Slug">Link slug.</param>
    /// <param name="Config">Version 1.</param>
    public sealed record CreateStudyRequest(string? Slug = null, StudyConfig? Config = null);

    private static IResult Json<T>(T value) => Results.Json(value, ConfigHash.Json);

    // Bodies are read like stored configs, except that a null where the config has no room for one is refused here
    // (stored configs keep the lenient reading, so older versions still open).
    private static readonly JsonSerializerOptions Strict = new(ConfigHash.Json)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    private static async Task<T> ReadAsync<T>(HttpRequest request, CancellationToken ct)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(request.Body, Strict, ct)
                ?? throw PlatformProblemException.BadInput("The request body is empty.");
        }
        catch (JsonException e)
        {
            throw PlatformProblemException.BadInput($"The request body could not be read as a study config: {e.Message}");
        }
    }
}
