using InteractionLab.Api.Staff;

namespace InteractionLab.Api.Tests.Staff;

/// <summary>Who may open a page: any signed-in staff member, or the members of a staff policy.</summary>
public enum RouteAccess
{
    /// <summary>Any signed-in staff member.</summary>
    Staff,
    /// <summary><see cref="StaffPolicies.Annotator"/>.</summary>
    Annotator,
    /// <summary><see cref="StaffPolicies.Researcher"/>.</summary>
    Researcher,
    /// <summary><see cref="Api.Annotation.AnnotationPolicies.Reviewer"/>: reviewers, researchers and admins.</summary>
    Reviewer,
    /// <summary><see cref="StaffPolicies.Admin"/>.</summary>
    Admin,
}

/// <summary>An admin route and who may open it. <c>{study}</c> stands for the id of a study the researcher owns.</summary>
/// <param name="Path">Path, with <c>{study}</c> where a study id goes.</param>
/// <param name="Access">Who may open it.</param>
public sealed record AdminRoute(string Path, RouteAccess Access)
{
    /// <inheritdoc />
    public override string ToString() => Path;
}

/// <summary>
/// The admin routes the authorization matrix (<see cref="AuthorizationMatrixTests"/>) checks. LEAD: after merging
/// a branch, move its routes from <see cref="FromOtherBranches"/> into <see cref="Tested"/> (or add new ones).
/// </summary>
public static class AdminRoutes
{
    /// <summary>Pages that exist in this branch; every one is checked for every role.</summary>
    public static readonly AdminRoute[] Tested =
    [
        new("/admin", RouteAccess.Staff),
        new("/admin/account/password", RouteAccess.Staff),
        new("/admin/users", RouteAccess.Admin),
        new("/admin/audit", RouteAccess.Admin),
        new("/admin/jobs", RouteAccess.Admin),
        new("/admin/models", RouteAccess.Admin),
        new("/admin/models/usage", RouteAccess.Researcher),
        new("/admin/studies", RouteAccess.Researcher),
        new("/admin/studies/new", RouteAccess.Researcher),
        new("/admin/instruments", RouteAccess.Researcher),
        new("/admin/stimuli", RouteAccess.Researcher),
        new("/admin/tasks", RouteAccess.Researcher),
        new("/admin/studies/{study}/edit", RouteAccess.Researcher),
        new("/admin/studies/{study}/versions", RouteAccess.Researcher),
        new("/admin/studies/{study}/preview", RouteAccess.Researcher),
        new("/admin/studies/{study}/simulate", RouteAccess.Researcher),
        new("/admin/studies/{study}/sharing", RouteAccess.Researcher),
        new("/admin/studies/{study}/api-keys", RouteAccess.Researcher),
        new("/admin/studies/{study}/import", RouteAccess.Researcher),
        new("/admin/studies/{study}/moral-graph", RouteAccess.Researcher),
        new("/admin/studies/{study}/hypotheses", RouteAccess.Researcher),
        new("/admin/studies/{study}/results", RouteAccess.Researcher),
        new("/admin/studies/{study}", RouteAccess.Researcher),
        new("/admin/studies/{study}/sessions/{session}", RouteAccess.Researcher),
        new("/admin/studies/{study}/annotation", RouteAccess.Researcher),
        new("/annotate", RouteAccess.Annotator),
        new("/review", RouteAccess.Reviewer),
    ];

    /// <summary>Pages built on other branches (the monitor): move into <see cref="Tested"/> once merged.</summary>
    public static readonly AdminRoute[] FromOtherBranches =
    [
    ];

    /// <summary>Staff API routes (GET); they answer 401/403 ProblemDetails instead of redirecting.</summary>
    public static readonly AdminRoute[] Api =
    [
        new("/api/v1/staff/users", RouteAccess.Admin),
        new("/api/v1/admin/studies", RouteAccess.Researcher),
        new("/api/v1/admin/studies/{study}/config", RouteAccess.Researcher),
        new("/api/v1/admin/studies/{study}/versions", RouteAccess.Researcher),
        new("/api/v1/admin/usage", RouteAccess.Researcher),
        new("/api/v1/admin/stimuli", RouteAccess.Researcher),
        new("/api/v1/admin/stimuli/demo-dialogue-scenarios", RouteAccess.Researcher),
        new("/api/v1/admin/task-types", RouteAccess.Researcher),
        new("/api/v1/admin/studies/{study}/annotation/projects", RouteAccess.Researcher),
        new("/api/v1/annotation/projects", RouteAccess.Annotator),
        new("/api/v1/review/projects", RouteAccess.Reviewer),
    ];

    /// <summary>
    /// Routes whose study part must be owned by (or shared with) a researcher, or they answer 404. The builder's
    /// interactive pages (edit, versions, preview, simulate) answer 200 with "Study not found" instead, checked
    /// by BuilderPagesTests.
    /// </summary>
    public static readonly AdminRoute[] StudyScoped =
        [.. Tested.Where(r => r.Path.EndsWith("/sharing", StringComparison.Ordinal) || r.Path.EndsWith("/api-keys", StringComparison.Ordinal))];

    /// <summary>Whether a role may open a route of this access.</summary>
    public static bool Allows(this RouteAccess access, string role) => access switch
    {
        RouteAccess.Staff => true,
        RouteAccess.Annotator => role is StaffRoles.Admin or StaffRoles.Reviewer or StaffRoles.Annotator,
        RouteAccess.Researcher => role is StaffRoles.Admin or StaffRoles.Researcher,
        RouteAccess.Reviewer => role is StaffRoles.Admin or StaffRoles.Researcher or StaffRoles.Reviewer,
        _ => role is StaffRoles.Admin,
    };
}
