using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace InteractionLab.Api;

/// <summary>
/// Reads the form posts the platform handles by hand (consent, resume, sign-out). A malformed or oversized form
/// (no multipart boundary, too many or too long fields, a body cut short) is the sender's mistake: it becomes a
/// 400 problem or a failed antiforgery check, never an unhandled exception.
/// </summary>
public static class FormInput
{
    /// <summary>The request's form, or null when the body is not a form; a 400 problem when it cannot be read.</summary>
    public static async Task<IFormCollection?> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasFormContentType) return null;
        try
        {
            return await request.ReadFormAsync(ct);
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            throw PlatformProblemException.BadInput("The form could not be read: " + e.Message);
        }
    }

    /// <summary>Whether the request carries a valid antiforgery token; false (not an exception) when its form cannot be read.</summary>
    public static async Task<bool> IsAntiforgeryValidAsync(IAntiforgery antiforgery, HttpContext http)
    {
        try
        {
            return await antiforgery.IsRequestValidAsync(http);
        }
        catch (Exception e) when (IsUnreadable(e) || e is AntiforgeryValidationException)
        {
            return false;
        }
    }

    private static bool IsUnreadable(Exception e) => e is InvalidDataException or IOException or BadHttpRequestException;
}
