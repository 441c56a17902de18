using System.Net;
using InteractionLab.Api.Sessions;
using Microsoft.AspNetCore.Http;

namespace InteractionLab.Testing;

/// <summary>
/// Drives the participant's HTTP steps the way a browser does: open the study's page (which issues the antiforgery
/// token the consent form carries), post the form, keep the study's cookie.
/// </summary>
public static class ParticipantDriver
{
    /// <summary>
    /// Posts the consent form of <paramref name="slug"/> (optionally with a PROLIFIC_PID and an existing cookie)
    /// and returns the cookie the server set. Throws when the server does not answer 303 with a cookie.
    /// </summary>
    public static async Task<ConsentedParticipant> ConsentAsync(this PlatformFactory factory, string slug,
        string? prolificPid = null, string? cookie = null, CancellationToken ct = default, string? prolificSessionId = null)
    {
        using var response = await factory.PostConsentAsync(slug, prolificPid, cookie, ct, prolificSessionId: prolificSessionId);
        return await factory.EnteredAsync(slug, response, ct);
    }

    /// <summary>Posts the resume-code form of <paramref name="slug"/> and returns the cookie set; throws unless it answers 303 with one.</summary>
    public static async Task<ConsentedParticipant> ResumeAsync(this PlatformFactory factory, string slug, string code, CancellationToken ct = default)
    {
        using var response = await factory.PostResumeAsync(slug, code, ct: ct);
        return await factory.EnteredAsync(slug, response, ct);
    }

    /// <summary>
    /// Posts the consent form and returns the raw response (for testing errors). Without
    /// <paramref name="prolificSessionId"/> the SESSION_ID is derived from the PID: the same Prolific submission's link.
    /// </summary>
    public static Task<HttpResponseMessage> PostConsentAsync(this PlatformFactory factory, string slug,
        string? prolificPid = null, string? cookie = null, CancellationToken ct = default, bool agree = true, string? query = null,
        string? prolificSessionId = null, bool fromBrowser = false)
    {
        var url = $"/s/{slug}/consent" + (query ?? (prolificPid is null ? "" : $"?PROLIFIC_PID={prolificPid}&STUDY_ID=study1&SESSION_ID={prolificSessionId ?? "s" + prolificPid}"));
        return factory.PostParticipantFormAsync(slug, url, agree ? [new("consent", "true")] : [], cookie, fromBrowser, ct);
    }

    /// <summary>Posts the resume-code form and returns the raw response.</summary>
    public static Task<HttpResponseMessage> PostResumeAsync(this PlatformFactory factory, string slug, string code,
        string? cookie = null, bool fromBrowser = false, CancellationToken ct = default) =>
        factory.PostParticipantFormAsync(slug, $"/s/{slug}/continue", [new("code", code)], cookie, fromBrowser, ct);

    /// <summary>
    /// Posts <paramref name="fields"/> to <paramref name="url"/> with the antiforgery token and cookie a browser would
    /// have from opening the study's page. A study that shows no form (paused, closed) still issues tokens on every
    /// page with a form, so the sign-in page stands in for it.
    /// </summary>
    public static async Task<HttpResponseMessage> PostParticipantFormAsync(this PlatformFactory factory, string slug, string url,
        IEnumerable<KeyValuePair<string, string>> fields, string? cookie, bool fromBrowser, CancellationToken ct)
    {
        var client = factory.CreateRawClient();
        var (antiforgeryCookie, token) = await client.AntiforgeryAsync($"/s/{slug}") ?? await client.AntiforgeryAsync("/admin/login")
            ?? throw new InvalidOperationException("No page issued an antiforgery token.");
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))),
        };
        request.Headers.Add("Cookie", cookie is null ? antiforgeryCookie : $"{cookie}; {antiforgeryCookie}");
        if (fromBrowser) request.Headers.Add("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
        return await client.SendAsync(request, ct);
    }

    /// <summary>Reads the session id out of a protected cookie value using the app's data protection keys.</summary>
    public static bool TryReadSessionId(this PlatformFactory factory, string protectedValue, out InteractionLab.Domain.SessionId session)
    {
        session = default;
        if (!factory.TryReadPass(protectedValue, out var pass)) return false;
        session = pass.Session;
        return true;
    }

    /// <summary>Reads the whole pass (session, study, resume code) out of a protected cookie value.</summary>
    public static bool TryReadPass(this PlatformFactory factory, string protectedValue, out ParticipantPass pass) =>
        ParticipantCookie.TryUnprotect(new DefaultHttpContext { RequestServices = factory.Services }, Uri.UnescapeDataString(protectedValue), out pass);

    private static async Task<ConsentedParticipant> EnteredAsync(this PlatformFactory factory, string slug, HttpResponseMessage response, CancellationToken ct)
    {
        if (response.StatusCode != HttpStatusCode.SeeOther || !response.Headers.TryGetValues("Set-Cookie", out var cookies))
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode} → {response.Headers.Location}: {await response.Content.ReadAsStringAsync(ct)}");
        var name = ParticipantCookie.NameFor(slug);
        var pair = cookies.Single(c => c.StartsWith(name + "=", StringComparison.Ordinal)).Split(';')[0];
        if (!factory.TryReadPass(pair[(name.Length + 1)..], out var pass))
            throw new InvalidOperationException("The participant cookie could not be read.");
        return new ConsentedParticipant(pair, pass.Session, response.Headers.Location?.ToString(), pass.ResumeCode);
    }

}
