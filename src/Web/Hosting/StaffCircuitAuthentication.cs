using InteractionLab.Api.Data;
using InteractionLab.Api.Staff;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace InteractionLab.Web.Hosting;

/// <summary>
/// Re-checks the sign-in of an open admin page every few seconds (<c>Staff:CircuitRevalidationSeconds</c>,
/// default 10): once the account is disabled, deleted or changed (<see cref="StaffStanding"/>) the page goes to the
/// sign-in form, whose request the staff cookie no longer opens. Actions taken in between are refused where they are
/// saved, so this only bounds how long a stale page stays on screen.
/// </summary>
/// <remarks>
/// The page is sent away rather than its user made anonymous: an anonymous user cascading into the open panels made
/// them ask for data they may no longer read, and the refusal ended the circuit ("Something went wrong") before the
/// page could be sent anywhere. A failed check keeps the page and tries again at the next one.
/// </remarks>
public sealed class StaffCircuitAuthentication(
    ILoggerFactory loggers, IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, NavigationManager navigation)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    private readonly ILogger _log = loggers.CreateLogger<StaffCircuitAuthentication>();

    /// <inheritdoc />
    protected override TimeSpan RevalidationInterval =>
        TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Staff:CircuitRevalidationSeconds", 10)));

    /// <summary>
    /// Sends the open page to the sign-in form at once, when an action of its user was just refused because the
    /// account changed, without waiting for the next re-check.
    /// </summary>
    public void LeaveForSignIn()
    {
        try
        {
            var returnUrl = "/" + navigation.ToBaseRelativePath(navigation.Uri);
            navigation.NavigateTo("/admin/login?returnUrl=" + Uri.EscapeDataString(returnUrl), forceLoad: true);
        }
        catch (Exception e) when (e is InvalidOperationException or NavigationException or Microsoft.JSInterop.JSDisconnectedException)
        {
            // The page is already gone (closed tab, disconnected circuit): nothing to send anywhere.
        }
    }

    /// <inheritdoc />
    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        if (authenticationState.User.Identity?.IsAuthenticated != true) return true;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            if (!await StaffStanding.IsCurrentAsync(db, authenticationState.User, time.GetUtcNow(), cancellationToken)) LeaveForSignIn();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _log.LogWarning(e, "Re-checking an open admin page's sign-in failed; it is tried again at the next check");
        }
        return true; // the user stays as signed in on this page until it has left (see remarks)
    }
}
