using InteractionLab.Api.Data;
using InteractionLab.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.Access;

/// <summary>A running platform whose log entries are captured, on its own database.</summary>
public sealed class LoggedPlatform : IAsyncLifetime
{
    public PostgresDatabase Database { get; } = new();
    public CapturedLogs Logs { get; } = new();
    public PlatformFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Factory = new PlatformFactory(Database.ConnectionString) { Logs = Logs };
        _ = Factory.Server;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>A fresh context on the platform's database.</summary>
    public AsyncServiceScope Scope(out PlatformDbContext db)
    {
        var scope = Factory.Services.CreateAsyncScope();
        db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        return scope;
    }
}
