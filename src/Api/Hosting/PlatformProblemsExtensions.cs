using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace InteractionLab.Api.Hosting;

/// <summary>Registers ProblemDetails for every error response.</summary>
public static class PlatformProblemsExtensions
{
    /// <summary>Adds ProblemDetails and the handlers for <see cref="PlatformProblemException"/> and database outages.</summary>
    public static IHostApplicationBuilder AddPlatformProblems(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<PlatformProblemHandler>();
        builder.Services.AddExceptionHandler<DatabaseOutageHandler>();
        return builder;
    }
}
