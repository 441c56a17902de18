using InteractionLab.Api.Data;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace InteractionLab.Api;

/// <summary>
/// Answers 503 with <c>Retry-After</c> when a request failed because the database is unreachable
/// (<see cref="DatabaseOutage"/>): nothing was stored and the client should try again, which a 500 would not say.
/// </summary>
public sealed partial class DatabaseOutageHandler(ILogger<DatabaseOutageHandler> logger) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!DatabaseOutage.Is(exception)) return false;
        Unreachable(logger, httpContext.Request.Method, httpContext.Request.Path, exception.GetBaseException().Message);
        httpContext.Response.Headers.RetryAfter = "30";
        await ProblemResponse.WriteAsync(httpContext, StatusCodes.Status503ServiceUnavailable, "Temporarily unavailable",
            "The platform cannot reach its database at the moment; nothing was changed. Please try again in a minute.");
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Database unreachable during {Method} {Path}: {Reason}")]
    private static partial void Unreachable(ILogger logger, string method, PathString path, string reason);
}
