using InteractionLab.Api.Data;
using Xunit.Abstractions;

namespace InteractionLab.Faults;

/// <summary>The web process goes away mid-run: killed outright, or stopped the way a deploy stops it; then started again.</summary>
[Collection(FaultCollection.Name)]
public sealed class WebProcessFaultTests(FaultSuite suite, ITestOutputHelper output)
{
    [Fact]
    public Task AKillOfTheWebProcessLosesAndDuplicatesNothingAcknowledgedOrRequested() =>
        FaultRun.AssertNothingLostAsync(suite, output, "kill -9", DatabaseProvider.Postgres, KillAndStartAgainAsync);

    [Fact]
    public Task AKillOfTheWebProcessOnTheEmbeddedSqliteLosesAndDuplicatesNothingAcknowledgedOrRequested() =>
        FaultRun.AssertNothingLostAsync(suite, output, "kill -9", DatabaseProvider.Sqlite, KillAndStartAgainAsync);

    [Fact]
    public Task ADeployStoppingTheWebProcessMidRunLosesAndDuplicatesNothingAcknowledgedOrRequested() =>
        FaultRun.AssertNothingLostAsync(suite, output, "graceful stop", DatabaseProvider.Postgres, async run =>
        {
            // SIGTERM, as a deploy or Ctrl+C: the process interrupts its replies, saves them and exits cleanly.
            Assert.Equal(0, await run.Platform.StopAsync(TimeSpan.FromSeconds(60)));
            run.Log("platform stopped");
            await run.RestartPlatformAsync();
        });

    private static async Task KillAndStartAgainAsync(FaultRun run)
    {
        await run.Platform.KillAsync();
        run.Log("platform killed");
        await run.RestartPlatformAsync();
    }
}
