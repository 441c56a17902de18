using InteractionLab.Api.Data;
using InteractionLab.Api.Staff;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace InteractionLab.Web.Hosting;

/// <summary>
/// Re-checks the sign-in of an open admin page every few seconds (<c>Staff:CircuitRevalidationSeconds</c>,
/// default 10): once the account is disabled, deleted or changed (<see cref="StaffStanding"/>) the page's user becomes
/// anonymous and <c>AuthorizeRouteView</c> sends it to the sign-in form. Actions taken in between are refused where
/// they are saved, so this only bounds how long a stale page stays on screen.
/// </summary>
public sealed class StaffCircuitAuthentication(
    ILoggerFactory loggers, IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    /// <inheritdoc />
    protected override TimeSpan RevalidationInterval =>
        TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Staff:CircuitRevalidationSeconds", 10)));

    /// <inheritdoc />
    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        if (authenticationState.User.Identity?.IsAuthenticated != true) return true;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        return await StaffStanding.IsCurrentAsync(db, authenticationState.User, time.GetUtcNow(), cancellationToken);
    }
}
