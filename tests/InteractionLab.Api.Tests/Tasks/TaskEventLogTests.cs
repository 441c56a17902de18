using InteractionLab.Api.Tasks;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Domain.Tracing;
using InteractionLab.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.Tasks;

/// <summary>The task event log on real PostgreSQL: concurrent writers on one session lose nothing and share no number.</summary>
public sealed class TaskEventLogTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    [Fact]
    public async Task TwoWritersOnOneSessionStoreEveryEventWithItsOwnSequenceNumber()
    {
        var (slug, _) = await platform.CreateAsync(TestStudies.WithoutChat);
        var session = (await platform.Factory.ConsentAsync(slug)).SessionId;
        var log = platform.Factory.Services.GetRequiredService<TaskEventLog>();

        // Two components of one session recording at full speed (what a task page and a saved reply do at worst).
        await Task.WhenAll(Enumerable.Range(0, 2).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 100; i++) await log.AppendAsync(session, "task", "probe.event", new { writer, i });
        })));

        var events = await log.ReadAsync(session, "task");
        Assert.Equal(200, events.Count);
        Assert.Equal(events.Select(e => e.Sequence).Order(), events.Select(e => e.Sequence));
        Assert.Equal(200, events.Select(e => e.Sequence).Distinct().Count());
        Assert.All(Enumerable.Range(0, 2), writer =>
            Assert.Equal(Enumerable.Range(0, 100), events.Where(e => e.Number("writer") == writer).Select(e => (int)e.Number("i")!.Value)));
        await using var scope = platform.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.PlatformDbContext>();
        Assert.Equal(200, await db.TraceEvents.CountAsync(e => e.SessionId == session && e.Origin == TraceOrigin.Server && e.StageKey == "task"));
    }
}
