using System.Security.Claims;
using InteractionLab.Api.Staff;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace InteractionLab.Api.Monitoring;

/// <summary>
/// <c>POST /api/v1/admin/studies/{id}/launch|pause|resume|close</c> for researchers (their own studies) and admins.
/// Impossible transitions answer 409 with the reason; unknown or foreign studies 404.
/// </summary>
public static class StudyLifecycleApi
{
    /// <summary>Maps the four lifecycle endpoints.</summary>
    public static IEndpointRouteBuilder MapStudyLifecycleApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/admin/studies/{id:guid}")
            .WithTags("Study lifecycle")
            .RequireAuthorization(StaffPolicies.Researcher)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/launch", (Guid id, ClaimsPrincipal user, StudyLifecycleService s, CancellationToken ct) => Run(s.LaunchAsync(user, id, ct)))
            .WithName("LaunchStudy").WithSummary("Opens a draft study to participants after validating its latest version.");
        api.MapPost("/pause", (Guid id, ClaimsPrincipal user, StudyLifecycleService s, CancellationToken ct) => Run(s.PauseAsync(user, id, ct)))
            .WithName("PauseStudy").WithSummary("Stops new consents; sessions in progress may finish.");
        api.MapPost("/resume", (Guid id, ClaimsPrincipal user, StudyLifecycleService s, CancellationToken ct) => Run(s.ResumeAsync(user, id, ct)))
            .WithName("ResumeStudy").WithSummary("Reopens a paused study to new participants.");
        api.MapPost("/close", (Guid id, ClaimsPrincipal user, StudyLifecycleService s, CancellationToken ct) => Run(s.CloseAsync(user, id, ct)))
            .WithName("CloseStudy").WithSummary("Ends recruitment for good; sessions in progress may still finish.");
        return app;
    }

    private static async Task<Ok<StudyStatusView>> Run(Task<Data.Study> change)
    {
        var study = await change;
        return TypedResults.Ok(new StudyStatusView(study.Id, study.Slug, study.Status));
    }
}
