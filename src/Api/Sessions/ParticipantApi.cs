using InteractionLab.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace InteractionLab.Api.Sessions;

/// <summary>
/// The participant's plain-HTTP door: the consent form posts here because only a normal response can set the
/// participant cookie. The pages at <c>/s/{slug}</c> and <c>/s/{slug}/session</c> are Blazor components.
/// </summary>
public static class ParticipantApi
{
    /// <summary>Maps <c>POST /s/{slug}/consent</c>.</summary>
    public static IEndpointRouteBuilder MapParticipantApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/s/{slug}/consent", ConsentAsync)
            .WithName("Consent")
            .WithSummary("Records consent, starts or resumes the participant's session, sets the cookie and redirects (303) to the session page.")
            .WithTags("Participants")
            // The form is read by hand (no [FromForm] binding) so the static consent page needs no antiforgery
            // round trip; the request can only start or resume the caller's own session.
            .DisableAntiforgery()
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// Handles the consent form: field <c>consent</c> must be true/on/yes; Prolific and MTurk ids and the condition
    /// key (URL-parameter assignment) come from the query or hidden form fields.
    /// </summary>
    public static async Task<Results<StatusCodeHttpResult, ProblemHttpResult>> ConsentAsync(
        string slug, HttpContext http, ParticipantSessionService sessions, CancellationToken ct)
    {
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(ct) : null;
        var consent = form?["consent"].ToString() ?? "";
        if (consent is not ("true" or "on" or "yes" or "True"))
            return TypedResults.Problem(
                title: "Consent required", statusCode: StatusCodes.Status400BadRequest,
                detail: "The study can only start after you agree to the consent form (form field 'consent').");

        // Prolific's ids arrive in the query string of the form's action; hidden form fields are accepted too.
        string? Id(string name) => Value(http.Request.Query[name]) ?? (form is null ? null : Value(form[name]));
        var ids = new ProlificIds(Id("PROLIFIC_PID"), Id("STUDY_ID"), Id("SESSION_ID"));
        var mturk = new MTurkIds(Id("workerId"), Id("assignmentId"), Id("hitId"));
        var parameters = new Dictionary<string, string>();
        foreach (var (key, value) in http.Request.Query.Concat(form?.AsEnumerable() ?? []))
            if (Value(value) is { } v) parameters.TryAdd(key, v);
        var link = new ParticipantLink(ids, mturk, parameters);
        SessionId? fromCookie = ParticipantCookie.TryRead(http.Request, out var existing) ? existing : null;
        ConsentResult result;
        try
        {
            result = await sessions.ConsentAsync(slug, link, fromCookie, ct);
        }
        catch (PlatformProblemException e) when (PageFor(e.Title) is { } problem && WantsPage(http.Request))
        {
            // A browser's form post would otherwise show raw JSON: the landing page explains it instead.
            http.Response.Headers.Location = $"/s/{Uri.EscapeDataString(slug)}?problem={problem}";
            return TypedResults.StatusCode(StatusCodes.Status303SeeOther);
        }
        ParticipantCookie.Set(http.Response, result.SessionId);
        // 303 See Other: the browser follows a form POST with a GET of the session page.
        http.Response.Headers.Location = $"/s/{Uri.EscapeDataString(slug)}/session";
        return TypedResults.StatusCode(StatusCodes.Status303SeeOther);
    }

    private static string? PageFor(string title) => title switch
    {
        PlatformProblemException.AlreadyCompletedTitle => "completed",
        PlatformProblemException.AlreadyTakenPartTitle => "taken-part",
        ParticipantSessionService.StudyFullTitle => "full",
        // Paused or closed between the landing page and the click: the landing page shows which, from the study's status.
        ParticipantSessionService.NotOpenTitle => "not-open",
        ParticipantSessionService.BadConditionLinkTitle => "link",
        ParticipantSessionService.PreviewTitle => "preview",
        _ => null,
    };

    private static bool WantsPage(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    private static string? Value(Microsoft.Extensions.Primitives.StringValues v) => v.Count == 0 || string.IsNullOrEmpty(v.ToString()) ? null : v.ToString();
}
