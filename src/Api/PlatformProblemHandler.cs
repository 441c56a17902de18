using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace InteractionLab.Api;

/// <summary>Turns <see cref="PlatformProblemException"/> into a ProblemDetails response with its status and field errors.</summary>
public sealed class PlatformProblemHandler(IProblemDetailsService problems) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not PlatformProblemException problem) return false;
        httpContext.Response.StatusCode = problem.Status;
        var details = problem.Errors.Count > 0
            ? new ValidationProblemDetails(problem.Errors.ToDictionary(e => e.Key, e => e.Value))
            : new ProblemDetails();
        details.Status = problem.Status;
        details.Title = problem.Title;
        details.Detail = problem.Detail;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = details, Exception = exception });
    }
}
