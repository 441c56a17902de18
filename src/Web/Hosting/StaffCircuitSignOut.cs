using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace InteractionLab.Web.Hosting;

/// <summary>
/// Sends an open admin page to the sign-in form once <see cref="StaffCircuitAuthentication"/> finds its account
/// changed. Admin pages are interactive islands under a static router, so <c>AuthorizeRouteView</c> never sees the
/// circuit's signed-out state; this per-circuit handler does, whatever the page.
/// </summary>
public sealed class StaffCircuitSignOut(AuthenticationStateProvider authentication, NavigationManager navigation) : CircuitHandler, IDisposable
{
    /// <inheritdoc />
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        authentication.AuthenticationStateChanged += SignedOut;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void Dispose() => authentication.AuthenticationStateChanged -= SignedOut;

    private async void SignedOut(Task<AuthenticationState> state)
    {
        try
        {
            if ((await state).User.Identity?.IsAuthenticated == true) return;
            var returnUrl = "/" + navigation.ToBaseRelativePath(navigation.Uri);
            navigation.NavigateTo("/admin/login?returnUrl=" + Uri.EscapeDataString(returnUrl), forceLoad: true);
        }
        catch (Exception e) when (e is InvalidOperationException or NavigationException or Microsoft.JSInterop.JSDisconnectedException)
        {
            // The page is already gone (closed tab, disconnected circuit): nothing to send anywhere.
        }
    }
}
