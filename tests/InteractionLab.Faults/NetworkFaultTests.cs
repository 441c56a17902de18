using InteractionLab.Api.Data;
using Xunit.Abstractions;

namespace InteractionLab.Faults;

/// <summary>The network between the participants and the platform breaks mid-run: connections dropped, and a blackhole.</summary>
[Collection(FaultCollection.Name)]
public sealed class NetworkFaultTests(FaultSuite suite, ITestOutputHelper output)
{
    [Fact]
    public Task DroppedAndBlackholedConnectionsLoseAndDuplicateNothingAcknowledgedOrRequested() =>
        FaultRun.AssertNothingLostAsync(suite, output, "connection drops and a blackhole", DatabaseProvider.Postgres, async run =>
        {
            // Each drop lands while events flow again after the one before.
            for (var i = 0; i < run.Sizes.Drops; i++)
            {
                run.Proxy.Drop();
                await run.ProgressAsync(run.Sizes.Participants * run.Sizes.EventsPerTick);
            }
            run.Log($"{run.Sizes.Drops} drops");
            // Acks and batches in flight vanish; the connections end when the blackhole does.
            run.Proxy.Blackhole();
            await Task.Delay(run.Sizes.Outage); // the blackhole itself: how long nothing gets through is the fault
            run.Proxy.Restore();
            run.Log("blackhole over");
        });
}
