using InteractionLab.Api.Data;
using InteractionLab.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.Infrastructure;

/// <summary>One running platform per test class on the embedded default: a SQLite file of its own.</summary>
public sealed class SqlitePlatformFixture : IAsyncLifetime, ITestPlatform
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"il-test-{Guid.NewGuid():N}.db");

    public PlatformFactory Factory { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Factory = PlatformFactory.WithSettings(new Dictionary<string, string?>
        {
            ["Database:Provider"] = nameof(DatabaseProvider.Sqlite),
            ["ConnectionStrings:Platform"] = $"Data Source={_file}",
        });
        // Starting the host runs migrations and seeds the demo study.
        _ = Factory.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in new[] { _file, _file + "-wal", _file + "-shm" }) File.Delete(f);
    }

    public AsyncServiceScope Scope(out PlatformDbContext db)
    {
        var scope = Factory.Services.CreateAsyncScope();
        db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        return scope;
    }
}
