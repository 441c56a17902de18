using InteractionLab.Api.Protection;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace InteractionLab.Api.Sessions;

/// <summary>
/// The participant's plain-HTTP doors: the consent form and the resume-code form post here because only a normal
/// response can set the participant cookie. The pages at <c>/s/{slug}</c>, <c>/s/{slug}/resume</c> and
/// <c>/s/{slug}/session</c> are Blazor components. Both doors check the form's antiforgery token (a page elsewhere
/// cannot make a visitor's browser consent) and are rate limited per address and per study.
/// </summary>
public static class ParticipantApi
{
    /// <summary>
    /// Maps <c>POST /s/{slug}/consent</c> and <c>POST /s/{slug}/continue</c> (the resume-code form; not <c>/resume</c>,
    /// the page's own path, which the page endpoint also answers for POST).
    /// </summary>
    public static IEndpointRouteBuilder MapParticipantApi(this IEndpointRouteBuilder app)
    {
        // The forms are read by hand (no [FromForm] binding) so a stale or cross-site form gets a page, not a bare 400.
        app.MapPost("/s/{slug}/consent", ConsentAsync)
            .WithName("Consent")
            .WithSummary("Records consent, starts or resumes the participant's session, sets the cookie and redirects (303) to the session page.")
            .WithTags("Participants")
            .DisableAntiforgery()
            .RequireRateLimiting(PlatformRateLimits.ParticipantDoor)
            .ExcludeFromDescription();
        app.MapPost("/s/{slug}/continue", ResumeAsync)
            .WithName("Resume")
            .WithSummary("Continues a session on another device by its resume code (form field 'code'), sets the cookie and redirects (303) to the session page.")
            .WithTags("Participants")
            .DisableAntiforgery()
            .RequireRateLimiting(PlatformRateLimits.ParticipantDoor)
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// Handles the consent form: field <c>consent</c> must be true/on/yes; Prolific and MTurk ids and the condition
    /// key (URL-parameter assignment) come from the query or hidden form fields.
    /// </summary>
    public static async Task<Results<StatusCodeHttpResult, ProblemHttpResult>> ConsentAsync(
        string slug, HttpContext http, IAntiforgery antiforgery, ParticipantSessionService sessions, CancellationToken ct)
    {
        if (await RefusedFormAsync(slug, http, antiforgery) is { } refused) return refused;
        var form = await FormInput.ReadAsync(http.Request, ct);
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
        ParticipantPass? pass = ParticipantCookie.TryRead(http.Request, slug, out var held) ? held : null;
        return await EnterAsync(slug, http, () => sessions.ConsentAsync(slug, link, pass?.Session, ct), pass);
    }

    /// <summary>Handles the resume-code form (field <c>code</c>), typed on a device that has no cookie for the study.</summary>
    public static async Task<Results<StatusCodeHttpResult, ProblemHttpResult>> ResumeAsync(
        string slug, HttpContext http, IAntiforgery antiforgery, ParticipantSessionService sessions, CancellationToken ct)
    {
        if (await RefusedFormAsync(slug, http, antiforgery) is { } refused) return refused;
        var form = await FormInput.ReadAsync(http.Request, ct);
        return await EnterAsync(slug, http, () => sessions.ResumeAsync(slug, form?["code"].ToString(), ct), held: null);
    }

    // Starts or continues the session, sets the study's cookie and sends the browser to the session page; a refusal
    // goes to the page that explains it when a browser asked.
    private static async Task<Results<StatusCodeHttpResult, ProblemHttpResult>> EnterAsync(
        string slug, HttpContext http, Func<Task<ConsentResult>> enter, ParticipantPass? held)
    {
        ConsentResult result;
        try
        {
            result = await enter();
        }
        catch (PlatformProblemException e) when (PageFor(slug, e.Title) is { } page && WantsPage(http.Request))
        {
            return SeeOther(http, page);
        }
        var code = result.ResumeCode ?? (held?.Session == result.SessionId ? held.ResumeCode : null);
        ParticipantCookie.Set(http.Response, new ParticipantPass(result.SessionId, slug, code));
        // 303 See Other: the browser follows a form POST with a GET of the session page.
        return SeeOther(http, $"/s/{Uri.EscapeDataString(slug)}/session");
    }

    // A form without this site's token was sent from elsewhere (or has expired): nothing happens.
    private static async Task<Results<StatusCodeHttpResult, ProblemHttpResult>?> RefusedFormAsync(string slug, HttpContext http, IAntiforgery antiforgery)
    {
        if (await FormInput.IsAntiforgeryValidAsync(antiforgery, http)) return null;
        if (WantsPage(http.Request)) return SeeOther(http, $"/s/{Uri.EscapeDataString(slug)}?problem=form");
        return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Form expired",
            detail: "The form was not sent from this study's page or has expired; open the study link again.");
    }

    private static StatusCodeHttpResult SeeOther(HttpContext http, string location)
    {
        http.Response.Headers.Location = location;
        return TypedResults.StatusCode(StatusCodes.Status303SeeOther);
    }

    private static string? PageFor(string slug, string title)
    {
        var study = $"/s/{Uri.EscapeDataString(slug)}";
        return title switch
        {
            PlatformProblemException.AlreadyCompletedTitle => study + "/resume?reason=completed",
            ReturningParticipants.ResumeCodeNeededTitle => study + "/resume?reason=started",
            ReturningParticipants.WrongCodeTitle => study + "/resume?error=wrong",
            PlatformProblemException.AlreadyTakenPartTitle => study + "?problem=taken-part",
            ParticipantSessionService.StudyFullTitle => study + "?problem=full",
            // Paused or closed between the landing page and the click: the landing page shows which, from the study's status.
            ParticipantSessionService.NotOpenTitle => study + "?problem=not-open",
            ParticipantSessionService.BadConditionLinkTitle => study + "?problem=link",
            ParticipantSessionService.PreviewTitle => study + "?problem=preview",
            _ => null,
        };
    }

    private static bool WantsPage(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    private static string? Value(Microsoft.Extensions.Primitives.StringValues v) => v.Count == 0 || string.IsNullOrEmpty(v.ToString()) ? null : v.ToString();
}
