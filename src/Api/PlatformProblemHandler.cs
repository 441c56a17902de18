using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace InteractionLab.Api;

/// <summary>
/// Turns <see cref="PlatformProblemException"/> into a ProblemDetails response with its status and field errors, and
/// a request ASP.NET Core could not bind (<see cref="BadHttpRequestException"/>: a form too large or malformed for a
/// <c>[FromForm]</c> parameter) into its 4xx. A refusal is the platform working as intended, so it is logged as a
/// warning without a stack trace.
/// </summary>
public sealed partial class PlatformProblemHandler(ILogger<PlatformProblemHandler> logger) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is BadHttpRequestException bad)
            exception = new PlatformProblemException(bad.StatusCode, "Bad request", "The request could not be read: " + bad.Message);
        if (exception is not PlatformProblemException problem) return false;
        Refused(logger, httpContext.Request.Method, httpContext.Request.Path, problem.Status, problem.Title);
        var details = problem.Errors.Count > 0
            ? new ValidationProblemDetails(problem.Errors.ToDictionary(e => e.Key, e => e.Value))
            : new ProblemDetails();
        details.Status = problem.Status;
        details.Title = problem.Title;
        details.Detail = problem.Detail;
        await ProblemResponse.WriteAsync(httpContext, details, exception);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} {Path}: {Status} {Title}")]
    private static partial void Refused(ILogger logger, string method, PathString path, int status, string title);
}
