using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Annotation.Annotators;

/// <summary>
/// A crowd worker's cookie: their annotator id protected with Data Protection (neither readable nor forgeable), like
/// the participant cookie but with its own purpose and name, so one can never be taken for the other.
/// </summary>
public static class AnnotatorCookie
{
    /// <summary>Cookie name.</summary>
    public const string Name = "il_annotator";
    private const string Purpose = "InteractionLab.AnnotatorCookie.v1";

    /// <summary>Sets the cookie (HttpOnly, SameSite=Lax so it survives the recruitment platform's link, 30 days).</summary>
    public static void Set(HttpResponse response, Guid annotator) =>
        response.Cookies.Append(Name, Protector(response.HttpContext).Protect(annotator.ToString("N")), new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = response.HttpContext.Request.IsHttps, IsEssential = true,
            Path = "/a", MaxAge = TimeSpan.FromDays(30),
        });

    /// <summary>The annotator id of the request's cookie; null when missing, tampered or expired.</summary>
    public static Guid? Read(HttpRequest request)
    {
        if (!request.Cookies.TryGetValue(Name, out var value) || string.IsNullOrEmpty(value)) return null;
        try
        {
            return Guid.TryParse(Protector(request.HttpContext).Unprotect(value), out var id) ? id : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    private static IDataProtector Protector(HttpContext context) =>
        context.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
}
