using InteractionLab.Api.LanguageModels;
using InteractionLab.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.E2E.Infrastructure;

/// <summary>
/// The real platform on PostgreSQL with the real in-process demo model serving "local" (registered by the app's
/// own <c>AddLocalModels()</c>, models generated into the test process's temp models directory by
/// <see cref="PlatformFactory"/>). The only test-side change: each in-process source is decorated so that its
/// clients are <see cref="PausableChatClient"/>s sharing <paramref name="hold"/>.
/// </summary>
public sealed class BrowserPlatformFactory(string connectionString, StreamHold hold) : PlatformFactory(connectionString)
{
    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            var sources = services.Where(d => d.ServiceType == typeof(IChatClientSource) && !d.IsKeyedService).ToList();
            if (sources.Count == 0) throw new InvalidOperationException("The app registered no in-process model source.");
            foreach (var descriptor in sources)
            {
                services.Remove(descriptor);
                services.AddSingleton<IChatClientSource>(sp => new PausableChatClientSource(Create(sp, descriptor), hold));
            }
        });
    }

    private static IChatClientSource Create(IServiceProvider sp, ServiceDescriptor d) => (IChatClientSource)(
        d.ImplementationInstance
        ?? d.ImplementationFactory?.Invoke(sp)
        ?? ActivatorUtilities.CreateInstance(sp, d.ImplementationType!));
}
