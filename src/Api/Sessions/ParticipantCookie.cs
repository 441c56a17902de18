using InteractionLab.Domain;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Sessions;

/// <summary>
/// The participant's cookies: one per study (<c>il_session.{slug}</c>), so taking part in a second study in the same
/// browser never replaces the first. Each holds a <see cref="ParticipantPass"/> protected with ASP.NET Core Data
/// Protection, so it can be neither read nor forged. Set at consent or resume; read by the study's pages, the consent
/// and the hub (which is told the session it wants by its page, see <see cref="TryReadForHub"/>).
/// </summary>
public static class ParticipantCookie
{
    /// <summary>Start of every participant cookie's name.</summary>
    public const string Prefix = "il_session.";

    /// <summary>The single cookie of earlier versions: still read (a deploy must not strand a session), never written.</summary>
    public const string LegacyName = "il_session";

    private const string Purpose = "InteractionLab.ParticipantCookie.v2";
    private const string LegacyPurpose = "InteractionLab.ParticipantCookie.v1";

    /// <summary>The cookie name of a study.</summary>
    public static string NameFor(string slug) => Prefix + slug;

    /// <summary>Sets the study's cookie (HttpOnly, SameSite=Lax, Secure over HTTPS, 30 days).</summary>
    public static void Set(HttpResponse response, ParticipantPass pass)
    {
        var value = Protector(response.HttpContext, Purpose).Protect($"{pass.Slug}|{pass.Session}|{pass.ResumeCode}");
        response.Cookies.Append(NameFor(pass.Slug), value, new CookieOptions
        {
            HttpOnly = true,
            // Lax: the cookie must come along when Prolific's link opens the study in a new top-level page.
            SameSite = SameSiteMode.Lax,
            // Behind a TLS proxy the forwarded headers make the request HTTPS (ProxyOptions).
            Secure = response.HttpContext.Request.IsHttps,
            IsEssential = true,
            Path = "/",
            MaxAge = TimeSpan.FromDays(30),
        });
    }

    /// <summary>The pass of <paramref name="slug"/>'s cookie (or the legacy cookie); false when missing, tampered or another study's.</summary>
    public static bool TryRead(HttpRequest request, string slug, out ParticipantPass pass)
    {
        pass = null!;
        if (request.Cookies.TryGetValue(NameFor(slug), out var value) && TryUnprotect(request.HttpContext, value, out var found) && found.Slug == slug)
        {
            pass = found;
            return true;
        }
        return request.Cookies.TryGetValue(LegacyName, out var legacy) && TryUnprotect(request.HttpContext, legacy, out pass);
    }

    /// <summary>
    /// The session a hub connection speaks for: the cookie naming <paramref name="wanted"/> (the page passes its
    /// session), or without that the only participant cookie the browser sent. False when none or several match.
    /// </summary>
    public static bool TryReadForHub(HttpRequest request, SessionId? wanted, out SessionId session)
    {
        session = default;
        var found = new List<SessionId>();
        foreach (var (name, value) in request.Cookies)
            if ((name.StartsWith(Prefix, StringComparison.Ordinal) || name == LegacyName) && TryUnprotect(request.HttpContext, value, out var pass))
                found.Add(pass.Session);
        var chosen = wanted is { } w ? found.Where(s => s == w).Take(1).ToList() : found;
        if (chosen.Count != 1) return false;
        session = chosen[0];
        return true;
    }

    /// <summary>Reads a protected cookie value (e.g. one a test client captured); the legacy format too.</summary>
    public static bool TryUnprotect(HttpContext context, string? protectedValue, out ParticipantPass pass)
    {
        pass = null!;
        if (string.IsNullOrEmpty(protectedValue)) return false;
        try
        {
            var parts = Protector(context, Purpose).Unprotect(protectedValue).Split('|');
            if (parts.Length != 3 || !SessionId.TryParse(parts[1], out var session)) return false;
            pass = new ParticipantPass(session, parts[0], parts[2].Length == 0 ? null : parts[2]);
            return true;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return TryUnprotectLegacy(context, protectedValue, out pass);
        }
    }

    private static bool TryUnprotectLegacy(HttpContext context, string protectedValue, out ParticipantPass pass)
    {
        pass = null!;
        try
        {
            if (!SessionId.TryParse(Protector(context, LegacyPurpose).Unprotect(protectedValue), out var session)) return false;
            pass = new ParticipantPass(session, "", null);
            return true;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }

    private static IDataProtector Protector(HttpContext context, string purpose) =>
        context.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(purpose);
}
