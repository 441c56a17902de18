using System.Security.Claims;
using InteractionLab.Api.Staff;
using InteractionLab.Api.Hosting;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InteractionLab.Api.Studies;

/// <summary>
/// The builder's REST door under <c>/api/v1/admin/studies</c>, for researchers (which studies: <see cref="IStudyAccess"/>).
/// Configs travel in the same JSON as they are stored and hashed (<see cref="PlatformJson.Config"/>: camelCase,
/// kebab-case enum names), so a config downloaded here can be posted back unchanged.
/// </summary>
public static class StudyBuilderApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapStudyBuilderApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/admin/studies").WithTags("Study builder").RequireAuthorization(StaffPolicies.Researcher)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/", ListAsync).WithName("ListStudies").WithSummary("Studies you may manage.");
        api.MapPost("/", CreateAsync).WithName("CreateStudy").WithSummary("Creates a draft study: {slug, config}.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/{id:guid}/config", GetConfigAsync).WithName("GetStudyConfig").WithSummary("The newest config and whether saving makes a new version.");
        api.MapPut("/{id:guid}/config", SaveConfigAsync)
            .WithName("SaveStudyConfig").WithSummary("Saves the config: replaces an unused draft version or freezes a new one (?expectedVersion= guards against overwriting).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/{id:guid}/versions", VersionsAsync).WithName("ListStudyVersions").WithSummary("Frozen versions, newest first.");
        api.MapGet("/{id:guid}/versions/{a:int}/diff/{b:int}", DiffAsync).WithName("DiffStudyVersions").WithSummary("Path-level differences from version a to version b.");
        return app;
    }

    /// <summary>Body of <c>POST /api/v1/admin/studies</c>.</summary>
    /// <param name="Slug">Link slug.</param>
    /// <param name="Config">Version 1.</param>
    public sealed record CreateStudyRequest(string? Slug = null, StudyConfig? Config = null);

    private static async Task<ConfigJson<IReadOnlyList<StudySummary>>> ListAsync(ClaimsPrincipal user, StudyBuilderService builder, CancellationToken ct) =>
        ConfigJsonResults.Of(await builder.ListAsync(user, ct));

    private static async Task<ConfigCreated<EditableStudy>> CreateAsync([RefuseNulls] ConfigBody<CreateStudyRequest> request, ClaimsPrincipal user, StudyBuilderService builder, CancellationToken ct)
    {
        var body = request.Value;
        var missing = new FieldErrors();
        if (body.Slug is null) missing.Add("slug", "Give the study's link slug, e.g. \"chat-study-2\".");
        if (body.Config is null) missing.Add("config", "Give the study's config (the JSON that GET …/config returns).");
        PlatformProblemException.RefuseIfAny(missing, "The study was not created: the body needs {slug, config}.");
        return ConfigJsonResults.Created(await builder.CreateAsync(user, body.Slug!, body.Config!, ct));
    }

    private static async Task<ConfigJson<EditableStudy>> GetConfigAsync(Guid id, ClaimsPrincipal user, StudyBuilderService builder, CancellationToken ct) =>
        ConfigJsonResults.Of(await builder.GetEditableAsync(user, id, ct));

    private static async Task<ConfigJson<SaveOutcome>> SaveConfigAsync(Guid id, int? expectedVersion, [RefuseNulls] ConfigBody<StudyConfig> config, ClaimsPrincipal user,
        StudyBuilderService builder, CancellationToken ct) =>
        ConfigJsonResults.Of(await builder.SaveAsync(user, id, config.Value, expectedVersion, ct));

    private static async Task<ConfigJson<IReadOnlyList<VersionSummary>>> VersionsAsync(Guid id, ClaimsPrincipal user, StudyBuilderService builder, CancellationToken ct) =>
        ConfigJsonResults.Of(await builder.GetVersionsAsync(user, id, ct));

    private static async Task<ConfigJson<VersionDiff>> DiffAsync(Guid id, int a, int b, ClaimsPrincipal user, StudyBuilderService builder, CancellationToken ct) =>
        ConfigJsonResults.Of(await builder.DiffAsync(user, id, a, b, ct));
}
