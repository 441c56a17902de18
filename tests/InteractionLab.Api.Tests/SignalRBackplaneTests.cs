using InteractionLab.Api.Hubs;
using InteractionLab.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests;

/// <summary>
/// The SignalR Redis backplane is configured by <c>ConnectionStrings:Redis</c> (deploy/scale-out.md). No Redis server
/// runs in the tests: these check which hub lifetime manager each configuration gets, not messages through Redis.
/// </summary>
public sealed class SignalRBackplaneTests
{
    [Theory]
    [InlineData(null, "DefaultHubLifetimeManager`1")]
    [InlineData("127.0.0.1:1,abortConnect=false,connectTimeout=200", "RedisHubLifetimeManager`1")]
    public async Task TheSessionHubUsesTheRedisBackplaneExactlyWhenARedisConnectionIsConfigured(string? redis, string manager)
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var platform = new PlatformFactory(database.ConnectionString,
            redis is null ? null : new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = redis });

        Assert.Equal(manager, platform.Services.GetRequiredService<HubLifetimeManager<SessionHub>>().GetType().Name);
    }
}
