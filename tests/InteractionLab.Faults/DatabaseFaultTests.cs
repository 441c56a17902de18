using InteractionLab.Api.Data;
using Xunit.Abstractions;

namespace InteractionLab.Faults;

/// <summary>PostgreSQL goes away mid-run under a running platform: a fast restart, and a crash with an outage of some seconds.</summary>
[Collection(FaultCollection.Name)]
public sealed class DatabaseFaultTests(FaultSuite suite, ITestOutputHelper output)
{
    [Fact]
    public Task AFastRestartOfPostgresLosesAndDuplicatesNothingAcknowledgedOrRequested() =>
        FaultRun.AssertNothingLostAsync(suite, output, "PostgreSQL fast restart", DatabaseProvider.Postgres, async run =>
        {
            await run.Postgres.RestartFastAsync();
            run.Log("PostgreSQL restarted");
        });

    [Fact]
    public Task ACrashOfPostgresWithAnOutageLosesAndDuplicatesNothingAcknowledgedOrRequested() =>
        FaultRun.AssertNothingLostAsync(suite, output, "PostgreSQL crash", DatabaseProvider.Postgres, async run =>
        {
            await run.Postgres.CrashAsync();
            run.Log("PostgreSQL crashed");
            await Task.Delay(run.Sizes.Outage); // the outage itself: how long the database stays away is the fault
            await run.Postgres.StartAsync();
            run.Log("PostgreSQL started again");
        });
}
