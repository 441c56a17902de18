using InteractionLab.Domain;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Sessions;

/// <summary>
/// The participant's cookie: the session id protected with ASP.NET Core Data Protection, so it can be
/// neither read nor forged. Set at consent; read by the session page, the hub and the Blazor circuit.
/// </summary>
public static class ParticipantCookie
{
    /// <summary>Cookie name.</summary>
    public const string Name = "il_session";
    private const string Purpose = "InteractionLab.ParticipantCookie.v1";

    /// <summary>Sets the cookie for <paramref name="session"/> (HttpOnly, SameSite=Lax, 30 days).</summary>
    public static void Set(HttpResponse response, SessionId session)
    {
        var protector = Protector(response.HttpContext);
        response.Cookies.Append(Name, protector.Protect(session.ToString()), new CookieOptions
        {
            HttpOnly = true,
            // Lax: the cookie must come along when Prolific's link opens the study in a new top-level page.
            SameSite = SameSiteMode.Lax,
            Secure = response.HttpContext.Request.IsHttps,
            IsEssential = true,
            Path = "/",
            MaxAge = TimeSpan.FromDays(30),
        });
    }

    /// <summary>Reads the session id from the request's cookie; false when missing, tampered or expired.</summary>
    public static bool TryRead(HttpRequest request, out SessionId session)
    {
        session = default;
        return request.Cookies.TryGetValue(Name, out var value) && TryUnprotect(request.HttpContext, value, out session);
    }

    /// <summary>Reads a protected cookie value (e.g. one a test client or circuit captured).</summary>
    public static bool TryUnprotect(HttpContext context, string? protectedValue, out SessionId session)
    {
        session = default;
        if (string.IsNullOrEmpty(protectedValue)) return false;
        try
        {
            return SessionId.TryParse(Protector(context).Unprotect(protectedValue), out session);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }

    private static IDataProtector Protector(HttpContext context) =>
        context.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
}
