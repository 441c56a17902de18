using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InteractionLab.Api.Staff;

/// <summary>
/// Staff REST endpoints under <c>/api/v1/staff</c>, authorised by the staff cookie: without one they answer 401,
/// with the wrong role 403, both as ProblemDetails (never a redirect to the sign-in form).
/// </summary>
public static class StaffApi
{
    /// <summary>Maps the staff API.</summary>
    public static IEndpointRouteBuilder MapStaffApi(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/v1/staff").WithTags("Staff");
        staff.MapGet("/users", async (IStaffAccounts accounts, CancellationToken ct) => TypedResults.Ok(await accounts.ListAsync(ct)))
            .RequireAuthorization(StaffPolicies.Admin)
            .WithName("ListStaffUsers")
            .WithSummary("Lists staff accounts with their role and lockout state (admins, signed in).");
        return app;
    }
}
