using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api;

/// <summary>
/// The one way an error response is written outside an endpoint's own result (exception handler, authentication
/// challenges): a ProblemDetails body with its status, whatever the client said it accepts.
/// </summary>
public static class ProblemResponse
{
    /// <summary>
    /// Writes <paramref name="details"/> through the registered ProblemDetails writers; when none accepts the
    /// request (a browser asking for <c>text/html</c> only), writes it as <c>application/problem+json</c> anyway,
    /// because an error the client did not ask the format of is still better than a 500 about formats.
    /// </summary>
    public static async Task WriteAsync(HttpContext http, ProblemDetails details, Exception? exception = null)
    {
        http.Response.StatusCode = details.Status ?? StatusCodes.Status500InternalServerError;
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = details, Exception = exception }))
            return;
        await http.Response.WriteAsJsonAsync(details, options: null, contentType: "application/problem+json", http.RequestAborted);
    }

    /// <summary>Writes a ProblemDetails with <paramref name="status"/>, <paramref name="title"/> and <paramref name="detail"/>.</summary>
    public static Task WriteAsync(HttpContext http, int status, string title, string detail) =>
        WriteAsync(http, new ProblemDetails { Status = status, Title = title, Detail = detail });
}
