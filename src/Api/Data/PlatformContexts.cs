using InteractionLab.Api.Monitoring;
using InteractionLab.Api.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Data;

/// <summary>
/// The one registration of <see cref="PlatformDbContext"/>: a pooled <see cref="IDbContextFactory{TContext}"/> for
/// work that is not one HTTP request (singletons, circuits, jobs: <c>await using var db = await
/// dbFactory.CreateDbContextAsync(ct)</c>, one context per operation, as EF Core advises for Blazor Server), and a
/// scoped context leased from the same pool for request-scoped code (endpoints, hubs, Identity's stores).
/// </summary>
public static class PlatformContexts
{
    /// <summary>Registers the pooled factory and the scoped context on the <see cref="PlatformDatabase"/> in DI.</summary>
    public static IServiceCollection AddPlatformContexts(this IServiceCollection services)
    {
        // Pooled options are built once from the root provider, so every interceptor here is a singleton (none
        // needs a scoped service); the pool resets a context's state when it is returned.
        services.AddSingleton<StaffStandingInterceptor>();
        services.AddPooledDbContextFactory<PlatformDbContext>((sp, o) => sp.GetRequiredService<PlatformDatabase>().Configure(
            o.AddInterceptors(new StorableTextInterceptor(), sp.GetRequiredService<StudyActivityInterceptor>(),
                sp.GetRequiredService<StaffStandingInterceptor>())));
        // Request-scoped code injects PlatformDbContext: a context from the same pool, returned when the scope ends.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<PlatformDbContext>>().CreateDbContext());
        return services;
    }
}
