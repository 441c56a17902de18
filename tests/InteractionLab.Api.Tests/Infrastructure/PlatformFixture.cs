using InteractionLab.Api.Data;
using InteractionLab.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.Infrastructure;

/// <summary>One database and one running platform per test class.</summary>
public sealed class PlatformFixture : IAsyncLifetime, ITestPlatform
{
    public PostgresDatabase Database { get; } = new();
    public PlatformFactory Factory { get; private set; } = null!;

    /// <summary>The platform's warnings and errors, for tests about what is logged.</summary>
    public CapturedLogs Logs { get; } = new();

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Factory = new PlatformFactory(Database.ConnectionString) { Logs = Logs };
        // Starting the host runs migrations and seeds the demo study.
        _ = Factory.Server;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>A fresh context on the test database (for setting up and checking rows).</summary>
    public AsyncServiceScope Scope(out PlatformDbContext db)
    {
        var scope = Factory.Services.CreateAsyncScope();
        db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        return scope;
    }
}
