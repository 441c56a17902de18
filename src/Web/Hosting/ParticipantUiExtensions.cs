using InteractionLab.Web.Components;
using InteractionLab.Web.Participant;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace InteractionLab.Web.Hosting;

/// <summary>Registers and maps the participant pages (<c>/s/{slug}</c>, <c>/s/{slug}/session</c>).</summary>
public static class ParticipantUiExtensions
{
    /// <summary>Adds Razor components with interactive server rendering and the participant pages' services.</summary>
    public static IHostApplicationBuilder AddParticipantUi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IParticipantJourney, PlatformParticipantJourney>();
        return builder;
    }

    /// <summary>Maps static assets and the Razor components; call after the platform's auth middleware.</summary>
    public static WebApplication MapParticipantUi(this WebApplication app)
    {
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
