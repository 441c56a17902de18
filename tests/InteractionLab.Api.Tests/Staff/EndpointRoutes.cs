namespace InteractionLab.Api.Tests.Staff;

/// <summary>Who may use an endpoint, beyond the staff page kinds of <see cref="RouteAccess"/>.</summary>
public enum EndpointAccess
{
    /// <summary>Anyone, signed in or not (the participant's doors, sign-in, health).</summary>
    Public,
    /// <summary>A participant's cookie (the session hub).</summary>
    Participant,
    /// <summary>Any signed-in staff member.</summary>
    Staff,
    /// <summary>Annotators, reviewers and admins.</summary>
    Annotator,
    /// <summary>Researchers and admins.</summary>
    Researcher,
    /// <summary>Reviewers and admins (every annotation project) and researchers (their studies' projects).</summary>
    Reviewer,
    /// <summary>Admins.</summary>
    Admin,
    /// <summary>Researchers and admins, or an API key with the export scope.</summary>
    ResearcherOrExportKey,
    /// <summary>Researchers and admins, or an API key with the import scope.</summary>
    ResearcherOrImportKey,
}

/// <summary>
/// One endpoint of the platform: method, route pattern as the app declares it, who may use it, and whether its body is
/// a multipart form (an upload endpoint matches only requests of its content type).
/// </summary>
public sealed record EndpointRoute(string Method, string Pattern, EndpointAccess Access, bool Upload = false)
{
    /// <inheritdoc />
    public override string ToString() => $"{Method} {Pattern}";
}

/// <summary>
/// Every endpoint the platform maps (besides static files, Blazor's own transport and the development API reference):
/// <see cref="EndpointMatrixTests"/> fails when an endpoint appears that is not listed here, so a new endpoint gets a
/// row — and with it a check for every role — before it can be merged.
/// </summary>
public static class EndpointRoutes
{
    public static readonly EndpointRoute[] All =
    [
        // Participants and anyone.
        new("GET", "/", EndpointAccess.Public),
        new("GET", "/s/{Slug}", EndpointAccess.Public),
        // Without the study's participant cookie the session page shows "session not found" with 403.
        new("GET", "/s/{Slug}/session", EndpointAccess.Participant),
        new("GET", "/s/{Slug}/resume", EndpointAccess.Public),
        new("GET", "/s/{Slug}/{*Rest}", EndpointAccess.Public),
        new("POST", "/s/{slug}/consent", EndpointAccess.Public),
        new("POST", "/s/{slug}/continue", EndpointAccess.Public),
        new("GET", "/not-found", EndpointAccess.Public),
        new("GET", "/health", EndpointAccess.Public),
        new("GET", "/alive", EndpointAccess.Public),
        new("GET", "/openapi/{documentName}.json", EndpointAccess.Public),
        new("GET", "/api/{**path}", EndpointAccess.Public),
        new("GET", "/admin/login", EndpointAccess.Public),
        new("POST", "/admin/login", EndpointAccess.Public),
        new("POST", "/admin/logout", EndpointAccess.Public),
        new("GET", "/admin/denied", EndpointAccess.Public),
        new("POST", "/hubs/session/negotiate", EndpointAccess.Participant),
        new("GET", "/hubs/session", EndpointAccess.Participant),

        // Staff pages.
        new("GET", "/admin", EndpointAccess.Staff),
        new("GET", "/admin/account/password", EndpointAccess.Staff),
        new("POST", "/admin/account/password", EndpointAccess.Staff),
        new("GET", "/admin/users", EndpointAccess.Admin),
        new("GET", "/admin/audit", EndpointAccess.Admin),
        new("GET", "/admin/models", EndpointAccess.Admin),
        new("GET", "/admin/models/usage", EndpointAccess.Researcher),
        new("GET", "/admin/instruments", EndpointAccess.Researcher),
        new("GET", "/admin/stimuli", EndpointAccess.Researcher),
        new("GET", "/admin/tasks", EndpointAccess.Researcher),
        new("GET", "/admin/studies", EndpointAccess.Researcher),
        new("GET", "/admin/studies/new", EndpointAccess.Researcher),
        new("GET", "/admin/studies/{Id:guid}", EndpointAccess.Researcher),
        new("GET", "/admin/studies/{Id:guid}/api-keys", EndpointAccess.Researcher),
        new("GET", "/admin/studies/{Id:guid}/edit", EndpointAccess.Researcher),
        new("GET", "/admin/studies/{Id:guid}/hypotheses", EndpointAccess.Researcher),
        new("GET", "/admin/studies/{Id:guid}/import", EndpointAccess.Researcher),
        new("GET", "/admin/studies/{Id:guid}/moral-graph", EndpointAccess.Researcher),
        new("GET", "/admin/studies/{Id:guid}/preview", EndpointAccess.Researcher),
        new("GET", "/admin/studies/{Id:guid}/results", EndpointAccess.Researcher),
        new("GET", "/admin/studies/{Id:guid}/sharing", EndpointAccess.Researcher),
        new("GET", "/admin/studies/{Id:guid}/values", EndpointAccess.Researcher),
        new("GET", "/admin/studies/{Id:guid}/versions", EndpointAccess.Researcher),
        new("GET", "/admin/studies/{StudyId:guid}/sessions/{SessionKey}", EndpointAccess.Researcher),
        new("GET", "/admin/studies/{StudyId:guid}/simulate", EndpointAccess.Researcher),
        // Hangfire's dashboard (every method: its pages, stats polling and job actions).
        new("GET", "/admin/jobs/{**path}", EndpointAccess.Admin),

        // Staff REST API.
        new("GET", "/api/v1/staff/users", EndpointAccess.Admin),
        new("GET", "/api/v1/admin/usage", EndpointAccess.Researcher),
        new("GET", "/api/v1/admin/task-types", EndpointAccess.Researcher),
        new("GET", "/api/v1/admin/stimuli/", EndpointAccess.Researcher),
        new("POST", "/api/v1/admin/stimuli/", EndpointAccess.Researcher, Upload: true),
        new("GET", "/api/v1/admin/stimuli/{key}", EndpointAccess.Researcher),
        new("PATCH", "/api/v1/admin/stimuli/{key}", EndpointAccess.Researcher),
        new("DELETE", "/api/v1/admin/stimuli/{key}", EndpointAccess.Researcher),
        new("GET", "/api/v1/admin/studies/", EndpointAccess.Researcher),
        new("POST", "/api/v1/admin/studies/", EndpointAccess.Researcher),
        new("GET", "/api/v1/admin/studies/{id:guid}/config", EndpointAccess.Researcher),
        new("PUT", "/api/v1/admin/studies/{id:guid}/config", EndpointAccess.Researcher),
        new("GET", "/api/v1/admin/studies/{id:guid}/versions", EndpointAccess.Researcher),
        new("GET", "/api/v1/admin/studies/{id:guid}/versions/{a:int}/diff/{b:int}", EndpointAccess.Researcher),
        new("POST", "/api/v1/admin/studies/{id:guid}/launch", EndpointAccess.Researcher),
        new("POST", "/api/v1/admin/studies/{id:guid}/pause", EndpointAccess.Researcher),
        new("POST", "/api/v1/admin/studies/{id:guid}/resume", EndpointAccess.Researcher),
        new("POST", "/api/v1/admin/studies/{id:guid}/close", EndpointAccess.Researcher),
        new("GET", "/api/v1/admin/studies/{id:guid}/hypotheses/", EndpointAccess.Researcher),
        new("GET", "/api/v1/admin/studies/{id:guid}/hypotheses/generations/{job:guid}", EndpointAccess.Researcher),
        new("POST", "/api/v1/admin/studies/{id:guid}/hypotheses/generate", EndpointAccess.Researcher),
        new("POST", "/api/v1/admin/studies/{id:guid}/hypotheses/approve", EndpointAccess.Researcher),
        new("POST", "/api/v1/admin/studies/{id:guid}/hypotheses/reject", EndpointAccess.Researcher),
        new("PUT", "/api/v1/admin/studies/{id:guid}/hypotheses/{hypothesis:long}", EndpointAccess.Researcher),
        new("GET", "/api/v1/admin/studies/{id:guid}/values/", EndpointAccess.Researcher),
        new("POST", "/api/v1/admin/studies/{id:guid}/values/merge", EndpointAccess.Researcher),
        new("POST", "/api/v1/admin/studies/{id:guid}/values/cards/{cardId:long}/split", EndpointAccess.Researcher),

        // Data: staff or API keys.
        new("GET", "/api/v1/studies/{id:guid}/moral-graph", EndpointAccess.ResearcherOrExportKey),
        new("GET", "/api/v1/studies/{id:guid}/results.csv", EndpointAccess.ResearcherOrExportKey),
        new("POST", "/api/v1/studies/{id:guid}/imports/coauthor", EndpointAccess.ResearcherOrImportKey, Upload: true),
        new("POST", "/api/v1/studies/{id:guid}/imports/moral-graph", EndpointAccess.ResearcherOrImportKey),
        new("GET", "/api/v1/studies/{study}/sessions", EndpointAccess.ResearcherOrExportKey),
        new("GET", "/api/v1/studies/{study}/turns", EndpointAccess.ResearcherOrExportKey),
        new("GET", "/api/v1/studies/{study}/events", EndpointAccess.ResearcherOrExportKey),
        new("GET", "/api/v1/studies/{study}/surveys", EndpointAccess.ResearcherOrExportKey),
        new("GET", "/api/v1/studies/{study}/recruitment.csv", EndpointAccess.ResearcherOrExportKey),
        new("GET", "/api/v1/studies/{study}/writing/sentences", EndpointAccess.ResearcherOrExportKey),
        new("GET", "/api/v1/studies/{study}/writing/sentences.csv", EndpointAccess.ResearcherOrExportKey),
        // Annotation (third-party ratings).
        new("GET", "/annotate", EndpointAccess.Annotator),
        new("GET", "/annotate/{ProjectId:guid}", EndpointAccess.Annotator),
        new("GET", "/a/{Slug}", EndpointAccess.Public),
        new("GET", "/a/{Slug}/work", EndpointAccess.Public),
        new("GET", "/review", EndpointAccess.Reviewer),
        new("GET", "/review/{ProjectId:guid}", EndpointAccess.Reviewer),
        new("GET", "/admin/studies/{Id:guid}/annotation", EndpointAccess.Researcher),
        new("GET", "/admin/studies/{Id:guid}/annotation/{ProjectId:guid}", EndpointAccess.Researcher),
        new("POST", "/a/{slug}/start", EndpointAccess.Public),
        new("GET", "/api/v1/admin/studies/{studyId:guid}/annotation/templates", EndpointAccess.Researcher),
        new("GET", "/api/v1/admin/studies/{studyId:guid}/annotation/projects", EndpointAccess.Researcher),
        new("POST", "/api/v1/admin/studies/{studyId:guid}/annotation/projects", EndpointAccess.Researcher),
        new("GET", "/api/v1/admin/studies/{studyId:guid}/annotation/projects/{projectId:guid}", EndpointAccess.Researcher),
        new("PUT", "/api/v1/admin/studies/{studyId:guid}/annotation/projects/{projectId:guid}/config", EndpointAccess.Researcher),
        new("POST", "/api/v1/admin/studies/{studyId:guid}/annotation/projects/{projectId:guid}/status", EndpointAccess.Researcher),
        new("GET", "/api/v1/admin/studies/{studyId:guid}/annotation/projects/{projectId:guid}/items", EndpointAccess.Researcher),
        new("POST", "/api/v1/admin/studies/{studyId:guid}/annotation/projects/{projectId:guid}/items", EndpointAccess.Researcher),
        new("POST", "/api/v1/admin/studies/{studyId:guid}/annotation/projects/{projectId:guid}/items/file", EndpointAccess.Researcher),
        new("GET", "/api/v1/admin/studies/{studyId:guid}/annotation/projects/{projectId:guid}/agreement", EndpointAccess.Researcher),
        new("GET", "/api/v1/admin/studies/{studyId:guid}/annotation/projects/{projectId:guid}/annotators", EndpointAccess.Researcher),
        new("POST", "/api/v1/admin/studies/{studyId:guid}/annotation/projects/{projectId:guid}/annotators/{annotatorId:guid}/exclusion", EndpointAccess.Researcher),
        new("POST", "/api/v1/admin/studies/{studyId:guid}/annotation/projects/{projectId:guid}/judges", EndpointAccess.Researcher),
        new("GET", "/api/v1/admin/studies/{studyId:guid}/annotation/projects/{projectId:guid}/judges", EndpointAccess.Researcher),
        new("GET", "/api/v1/admin/studies/{studyId:guid}/annotation/projects/{projectId:guid}/judges/samples", EndpointAccess.Researcher),
        new("GET", "/api/v1/admin/studies/{studyId:guid}/annotation/projects/{projectId:guid}/judges/{jobId:guid}", EndpointAccess.Researcher),
        new("GET", "/api/v1/admin/studies/{studyId:guid}/annotation/projects/{projectId:guid}/judges/agreement", EndpointAccess.Researcher),
        new("GET", "/api/v1/annotation/projects", EndpointAccess.Annotator),
        new("POST", "/api/v1/annotation/projects/{projectId:guid}/next", EndpointAccess.Annotator),
        new("GET", "/api/v1/annotation/projects/{projectId:guid}/progress", EndpointAccess.Annotator),
        new("PUT", "/api/v1/annotation/projects/{projectId:guid}/assignments/{assignmentId:long}/draft", EndpointAccess.Annotator),
        new("POST", "/api/v1/annotation/projects/{projectId:guid}/assignments/{assignmentId:long}/submit", EndpointAccess.Annotator),
        new("POST", "/api/v1/annotation/projects/{projectId:guid}/assignments/{assignmentId:long}/skip", EndpointAccess.Annotator),
        new("GET", "/api/v1/review/projects", EndpointAccess.Reviewer),
        new("GET", "/api/v1/review/projects/{projectId:guid}/queue", EndpointAccess.Reviewer),
        new("GET", "/api/v1/review/items/{itemId:guid}", EndpointAccess.Reviewer),
        new("POST", "/api/v1/review/items/{itemId:guid}/adjudication", EndpointAccess.Reviewer),
        new("GET", "/api/v1/studies/{studyId:guid}/annotations", EndpointAccess.ResearcherOrExportKey),
        new("GET", "/api/v1/studies/{studyId:guid}/adjudications", EndpointAccess.ResearcherOrExportKey),
        new("GET", "/api/v1/studies/{studyId:guid}/ratings", EndpointAccess.ResearcherOrExportKey),
        new("GET", "/api/v1/studies/{studyId:guid}/ratings/comparison", EndpointAccess.ResearcherOrExportKey),
    ];

    /// <summary>Whether <paramref name="caller"/> may use an endpoint of this access.</summary>
    public static bool Allows(this EndpointAccess access, string caller) => access switch
    {
        EndpointAccess.Public => true,
        EndpointAccess.Participant => caller == EndpointMatrixTests.Participant,
        EndpointAccess.Staff => caller is Api.Staff.StaffRoles.Admin or Api.Staff.StaffRoles.Researcher or Api.Staff.StaffRoles.Reviewer or Api.Staff.StaffRoles.Annotator,
        EndpointAccess.Annotator => RouteAccess.Annotator.Allows(caller),
        EndpointAccess.Researcher => RouteAccess.Researcher.Allows(caller),
        EndpointAccess.Admin => RouteAccess.Admin.Allows(caller),
        EndpointAccess.Reviewer => caller is Api.Staff.StaffRoles.Admin or Api.Staff.StaffRoles.Researcher or Api.Staff.StaffRoles.Reviewer,
        EndpointAccess.ResearcherOrExportKey => RouteAccess.Researcher.Allows(caller) || caller == EndpointMatrixTests.ExportKey,
        _ => RouteAccess.Researcher.Allows(caller) || caller == EndpointMatrixTests.ImportKey,
    };
}
