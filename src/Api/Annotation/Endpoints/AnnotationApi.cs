using System.Text.Json;
using InteractionLab.Api.ApiKeys;
using InteractionLab.Api.Staff;
using InteractionLab.Domain.Studies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace InteractionLab.Api.Annotation.Endpoints;

/// <summary>
/// The annotation REST API: researchers' projects under <c>/api/v1/admin/studies/{study}/annotation</c>, the
/// annotator's queue under <c>/api/v1/annotation</c>, the reviewer's under <c>/api/v1/review</c>, the exports under
/// <c>/api/v1/studies/{study}/annotations|adjudications</c> and the crowd link's start at <c>/a/{slug}/start</c>.
/// Bodies and answers use the study-config JSON (camelCase, kebab-case enums); errors are ProblemDetails, with
/// field paths for validation problems.
/// </summary>
public static partial class AnnotationApi
{
    /// <summary>Maps every annotation endpoint.</summary>
    public static IEndpointRouteBuilder MapAnnotationApi(this IEndpointRouteBuilder app)
    {
        var projects = app.MapGroup("/api/v1/admin/studies/{studyId:guid}/annotation").WithTags("Annotation projects")
            .RequireAuthorization(StaffPolicies.Researcher);
        MapProjects(projects);
        MapJudges(projects);
        MapWork(app.MapGroup("/api/v1/annotation").WithTags("Annotation").RequireAuthorization(StaffPolicies.Annotator));
        MapReview(app.MapGroup("/api/v1/review").WithTags("Annotation review").RequireAuthorization(AnnotationPolicies.Reviewer));
        MapExports(app.MapGroup("/api/v1/studies/{studyId:guid}").WithTags("Exports").RequireAuthorization(StaffOrApiKey.ReadPolicy));
        MapCrowd(app);
        return app;
    }

    /// <summary>A JSON answer in the study-config JSON.</summary>
    private static JsonHttpResult<T> Json<T>(T value, int status = StatusCodes.Status200OK) =>
        TypedResults.Json(value, ConfigHash.Json, statusCode: status);

    /// <summary>Reads a body in the study-config JSON; a body that cannot be read is a 400 naming the field.</summary>
    private static async Task<T> BodyAsync<T>(HttpRequest request, CancellationToken ct)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(request.Body, ConfigHash.Json, ct)
                ?? throw PlatformProblemException.BadInput("The request body is empty.");
        }
        catch (JsonException e)
        {
            var path = e.Path is { Length: > 1 } p ? p.TrimStart('$', '.') : "body";
            throw PlatformProblemException.BadInput($"The request body could not be read: {e.Message}",
                new Dictionary<string, string[]> { [path.Length == 0 ? "body" : path] = [e.Message] });
        }
    }

    private static RouteHandlerBuilder Documented(this RouteHandlerBuilder endpoint, string name, string summary) =>
        endpoint.WithName(name).WithSummary(summary)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
