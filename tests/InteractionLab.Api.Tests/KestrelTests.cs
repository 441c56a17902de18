using System.Net;
using InteractionLab.Testing;

namespace InteractionLab.Api.Tests;

/// <summary>The factory's real-Kestrel mode (used by Playwright and the benchmark) serves the same app.</summary>
public sealed class KestrelTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private PlatformFactory _factory = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _factory = new PlatformFactory(_database.ConnectionString);
        _factory.StartKestrel();
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task RealKestrelServesHealthAndConsentOnARealPort()
    {
        Assert.NotEqual(80, _factory.ServerAddress.Port);
        using var http = new HttpClient { BaseAddress = _factory.ServerAddress };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode);
        var participant = await _factory.ConsentAsync("demo");
        Assert.Equal("/s/demo/session", participant.Location);
    }
}
