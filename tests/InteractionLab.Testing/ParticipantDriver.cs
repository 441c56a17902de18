using System.Net;
using InteractionLab.Api.Sessions;
using InteractionLab.Domain;
using Microsoft.AspNetCore.Http;

namespace InteractionLab.Testing;

/// <summary>Drives the participant's HTTP steps the way a browser does (consent form post, cookie).</summary>
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
        if (response.StatusCode != HttpStatusCode.SeeOther)
            throw new InvalidOperationException($"Consent to {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        var setCookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(ParticipantCookie.Name + "=", StringComparison.Ordinal));
        var pair = setCookie.Split(';')[0];
        if (!factory.TryReadSessionId(pair[(ParticipantCookie.Name.Length + 1)..], out var session))
            throw new InvalidOperationException("The consent cookie could not be read.");
        return new ConsentedParticipant(pair, session, response.Headers.Location?.ToString());
    }

    /// <summary>
    /// Posts the consent form and returns the raw response (for testing errors). Without
    /// <paramref name="prolificSessionId"/> the SESSION_ID is derived from the PID: the same Prolific submission's link.
    /// </summary>
    public static Task<HttpResponseMessage> PostConsentAsync(this PlatformFactory factory, string slug,
        string? prolificPid = null, string? cookie = null, CancellationToken ct = default, bool agree = true, string? query = null,
        string? prolificSessionId = null, bool fromBrowser = false)
    {
        var client = factory.CreateRawClient();
        var url = $"/s/{slug}/consent" + (query ?? (prolificPid is null ? "" : $"?PROLIFIC_PID={prolificPid}&STUDY_ID=study1&SESSION_ID={prolificSessionId ?? "s" + prolificPid}"));
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new FormUrlEncodedContent(agree ? [new("consent", "true")] : Array.Empty<KeyValuePair<string, string>>()),
        };
        if (cookie is not null) request.Headers.Add("Cookie", cookie);
        if (fromBrowser) request.Headers.Add("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
        return client.SendAsync(request, ct);
    }

    /// <summary>Reads the session id out of a protected cookie value using the app's data protection keys.</summary>
    public static bool TryReadSessionId(this PlatformFactory factory, string protectedValue, out SessionId session) =>
        ParticipantCookie.TryUnprotect(new DefaultHttpContext { RequestServices = factory.Services },
            Uri.UnescapeDataString(protectedValue), out session);
}
