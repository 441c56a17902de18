using InteractionLab.Api.Data;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Api.Tracing;
using InteractionLab.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests;

/// <summary>The embedded default: the same app on a SQLite file migrates, seeds and ingests.</summary>
public sealed class SqliteProviderTests : IAsyncLifetime
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"il-test-{Guid.NewGuid():N}.db");
    private PlatformFactory _factory = null!;

    public Task InitializeAsync()
    {
        _factory = PlatformFactory.WithSettings(new Dictionary<string, string?>
        {
            ["Database:Provider"] = nameof(DatabaseProvider.Sqlite),
            ["ConnectionStrings:Platform"] = $"Data Source={_file}",
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in new[] { _file, _file + "-wal", _file + "-shm" }) File.Delete(f);
    }

    [Fact]
    public async Task SqliteMigratesSeedsTheDemoStudyAndStoresEventsIdempotently()
    {
        var participant = await _factory.ConsentAsync("demo", prolificPid: "sqliteworker");
        await using var hub = _factory.CreateHubConnection(participant.Cookie);
        await hub.StartAsync();

        var first = await hub.InvokeAsync<TraceAck>("AppendEvents", Events.Batch(1, 40));
        var replay = await hub.InvokeAsync<TraceAck>("AppendEvents", Events.Batch(1, 40));
        var gap = await hub.InvokeAsync<TraceAck>("AppendEvents", Events.Batch(45, 50));

        Assert.Equal((40, 0, 40, 6), (first.Inserted, replay.Inserted, replay.Sequences.Count, gap.Inserted));
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        Assert.True(db.Database.IsSqlite());
        // The embedded default has the same pooled factory as PostgreSQL for work outside a request.
        Assert.IsType<Microsoft.EntityFrameworkCore.Infrastructure.PooledDbContextFactory<PlatformDbContext>>(
            _factory.Services.GetRequiredService<IDbContextFactory<PlatformDbContext>>());
        Assert.Equal(46, await db.TraceEvents.CountAsync(e => e.SessionId == participant.SessionId));
        var session = await db.Sessions.SingleAsync(s => s.Id == participant.SessionId);
        Assert.Equal(46, session.ClientSequenceWatermark);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }
}
