using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InteractionLab.Inference.Tests;

/// <summary>The standalone service on a real Kestrel listening on a free port.</summary>
public class ServerFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public Uri BaseAddress { get; private set; } = null!;

    public LocalModelHost Host => _app!.Services.GetRequiredService<LocalModelHost>();

    protected virtual Dictionary<string, string?> Settings => new()
    {
        ["Inference:ExecutionProvider"] = "cpu",
        ["Inference:IntraOpNumThreads"] = "1",
    };

    public async Task InitializeAsync()
    {
        _app = InferenceServer.Build([], TestModels.Directory, builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(Settings);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress };

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
