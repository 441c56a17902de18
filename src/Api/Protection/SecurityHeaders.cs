using Microsoft.AspNetCore.Http;

namespace InteractionLab.Api.Protection;

/// <summary>
/// Headers on every response (error pages included: they are added as the response starts). The Content-Security-Policy
/// allows what the Blazor pages use — this site's scripts, styles (plus inline <c>style</c> attributes, which charts,
/// progress bars and Blazor's reconnect dialog set), images and its own WebSocket — and nothing from elsewhere; forms
/// may post only here and to MTurk's submit page.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The policy on every page.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'self'; " +
        "form-action 'self' https://www.mturk.com https://workersandbox.mturk.com";

    /// <summary>Adds the headers to every response.</summary>
    public static Task AddAsync(HttpContext http, RequestDelegate next)
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            // Participant URLs carry recruitment ids: nothing of them goes to another site.
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            // The development-only API reference (Scalar) runs its own inline scripts.
            if (!http.Request.Path.StartsWithSegments("/scalar")) headers.ContentSecurityPolicy = ContentSecurityPolicy;
            return Task.CompletedTask;
        });
        return next(http);
    }
}
