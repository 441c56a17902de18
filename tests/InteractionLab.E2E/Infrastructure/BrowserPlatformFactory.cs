using InteractionLab.Api.LanguageModels;
using InteractionLab.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.E2E.Infrastructure;

/// <summary>The real platform on PostgreSQL with the scripted model serving the "local" endpoint.</summary>
public sealed class BrowserPlatformFactory(string connectionString, ScriptedModel model) : PlatformFactory(connectionString)
{
    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // First in the collection so it wins over an in-process engine that also serves "local".
        builder.ConfigureTestServices(s => s.Insert(0, ServiceDescriptor.Singleton<IChatClientSource>(model)));
    }
}
