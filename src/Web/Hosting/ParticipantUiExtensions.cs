using InteractionLab.Web.Components;
using InteractionLab.Web.Components.Tasks;
using InteractionLab.Web.Participant;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Hosting.StaticWebAssets;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace InteractionLab.Web.Hosting;

/// <summary>Registers and maps the participant pages (<c>/s/{slug}</c>, <c>/s/{slug}/session</c>).</summary>
public static class ParticipantUiExtensions
{
    /// <summary>Adds Razor components with interactive server rendering and the participant pages' services.</summary>
    public static IHostApplicationBuilder AddParticipantUi(this IHostApplicationBuilder builder)
    {
        // `dotnet run` starts in Production, where the build's static web assets (the scoped-CSS bundle lives in
        // obj/) are not mapped unless asked; a published app has no manifest and this is a no-op.
        if (builder.Environment is IWebHostEnvironment web && !web.IsDevelopment())
            StaticWebAssetsLoader.UseStaticWebAssets(web, builder.Configuration);
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddCascadingAuthenticationState();
        // Admin pages are circuits too: their sign-in is re-checked while they stay open.
        builder.Services.AddScoped<AuthenticationStateProvider, StaffCircuitAuthentication>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IParticipantJourney, PlatformParticipantJourney>();
        builder.Services.AddSingleton<TaskComponents>();
        return builder;
    }

    /// <summary>Maps static assets and the Razor components; call after the platform's auth middleware.</summary>
    public static WebApplication MapParticipantUi(this WebApplication app)
    {
        app.UseAntiforgery();
        app.MapStaticAssets();
        // The platform's Content-Security-Policy already holds frame-ancestors (SecurityHeaders); one policy, not two.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
        return app;
    }
}
