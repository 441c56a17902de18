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
/// Bodies and answers use the study-config JSON (<see cref="Hosting.PlatformJson.Config"/>: camelCase, kebab-case enums;
/// <see cref="Hosting.ConfigBody{T}"/>, <see cref="Hosting.ConfigJson{T}"/>); errors are ProblemDetails, with field paths
/// for validation problems.
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

    private static RouteHandlerBuilder Documented(this RouteHandlerBuilder endpoint, string name, string summary) =>
        endpoint.WithName(name).WithSummary(summary)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
