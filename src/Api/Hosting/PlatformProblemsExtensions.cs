using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace InteractionLab.Api.Hosting;

/// <summary>Registers ProblemDetails for every error response.</summary>
public static class PlatformProblemsExtensions
{
    /// <summary>Adds ProblemDetails and the handler for <see cref="PlatformProblemException"/>.</summary>
    public static IHostApplicationBuilder AddPlatformProblems(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<PlatformProblemHandler>();
        return builder;
    }
}
