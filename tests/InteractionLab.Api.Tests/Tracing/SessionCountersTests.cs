using InteractionLab.Api.Data;
using InteractionLab.Api.Sessions;
using InteractionLab.Api.Tasks;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Domain;
using InteractionLab.Domain.Tracing;
using InteractionLab.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.Tracing;

/// <summary>
/// Two platform instances on one PostgreSQL database writing to the same session at once: task events, turn indexes
/// and browser batches through each instance's hub. Numbers come from the session's counter row, so nobody takes the
/// same number twice, nothing is retried and nothing fails (the old "highest + 1, retry five times" behind an
/// in-process gate held on one instance only).
/// </summary>
public sealed class SessionCountersTests : IAsyncLifetime, ITestPlatform
{
    private readonly PostgresDatabase _database = new();
    private PlatformFactory _second = null!;

    public PlatformFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        Factory = new PlatformFactory(_database.ConnectionString);
        _ = Factory.Server; // migrates and seeds
        _second = new PlatformFactory(_database.ConnectionString);
        _ = _second.Server;
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await Factory.DisposeAsync();
        await _database.DisposeAsync();
    }

    public AsyncServiceScope Scope(out PlatformDbContext db)
    {
        var scope = Factory.Services.CreateAsyncScope();
        db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        return scope;
    }

    [Fact]
    public async Task TwoInstancesWritingToOneSessionAtOnceNeverTakeTheSameNumber()
    {
        var (slug, _) = await this.CreateAsync();
        var participant = await Factory.ConsentAsync(slug);
        var session = participant.SessionId;
        var instances = new[] { Factory, _second };

        var work = instances.SelectMany(instance => new[]
        {
            // Three task components appending at once, per instance.
            Parallel(3, async () =>
            {
                var log = instance.Services.GetRequiredService<TaskEventLog>();
                for (var i = 0; i < 20; i++) await log.AppendAsync(session, "task", "qa.answer", new { i });
            }),
            Parallel(2, async () =>
            {
                for (var i = 0; i < 10; i++)
                {
                    await using var scope = instance.Services.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
                    var index = await SessionCounters.ReserveTurnIndexAsync(db, session);
                    db.Turns.Add(new Turn { SessionId = session, Index = index, Role = Domain.Dialogue.TurnRole.Participant, Text = "t", CreatedAt = DateTimeOffset.UtcNow });
                    await db.SaveChangesAsync();
                }
            }),
            // A tab connected to each instance.
            Task.Run(async () =>
            {
                await using var hub = instance.CreateHubConnection(participant.Cookie);
                await hub.StartAsync();
                var page = new BrowserLogger(hub);
                for (var i = 0; i < 60; i++) page.Record();
                await page.FlushAsync(10);
                Assert.Equal(60, page.Acknowledged.Count);
            }),
        }).ToList();
        await Task.WhenAll(work);

        await using var check = Scope(out var db);
        var server = await db.TraceEvents.Where(e => e.SessionId == session && e.Origin == TraceOrigin.Server).Select(e => e.Sequence).ToListAsync();
        var client = await db.TraceEvents.Where(e => e.SessionId == session && e.Origin == TraceOrigin.Client).Select(e => e.Sequence).ToListAsync();
        var turns = await db.Turns.Where(t => t.SessionId == session).Select(t => t.Index).ToListAsync();
        // Nothing failed, so nothing was skipped either: every number from the first to the last, once.
        Assert.Equal(Enumerable.Range(1, server.Count).Select(i => (long)i), server.Order());
        Assert.True(server.Count >= 2 * 3 * 20);
        Assert.Equal(Enumerable.Range(1, 120).Select(i => (long)i), client.Order());
        Assert.Equal(Enumerable.Range(0, 40), turns.Order());
    }

    private static Task Parallel(int writers, Func<Task> body) => Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(body)));
}
