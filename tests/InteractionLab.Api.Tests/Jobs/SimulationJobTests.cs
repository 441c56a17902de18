using System.Text.Json;
using InteractionLab.Api.Data;
using InteractionLab.Api.Jobs;
using InteractionLab.Api.Seeding;
using InteractionLab.Api.Simulation;
using InteractionLab.Api.Tests.Registry;
using InteractionLab.Domain;
using InteractionLab.Domain.Studies;
using InteractionLab.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.Jobs;

/// <summary>A simulation run on Hangfire whose server stops in the middle goes on where it stopped after the restart.</summary>
public sealed class SimulationJobTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task ARunWhoseServerStopsGoesOnWithTheInterruptedParticipantAfterTheRestart()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        Guid studyId, runId;
        SimulationRunView interrupted;
        await using (var stopping = new PlatformFactory(database.ConnectionString))
        {
            await using (var scope = stopping.Services.CreateAsyncScope())
                studyId = (await PlatformSeeder.CreateStudyAsync(scope.ServiceProvider.GetRequiredService<PlatformDbContext>(),
                    "r" + Guid.NewGuid().ToString("N")[..12], "tester", DemoStudy.Config(), StudyStatus.Open, TimeProvider.System)).Id;
            var runs = stopping.Services.GetRequiredService<SimulationRuns>();
            runId = (await runs.StartAsync(StaffMember.Researcher("tester"),
                new SimulationRequest(studyId, 3, new ModelRef("local", "demo-chat"), SimulationRequest.DefaultPersonas))).Id;
            // Stop while the second participant is being walked through the study.
            await Poll.UntilAsync(() => runs.FindAsync(runId), v => v is { Status: SimulationStatus.Running, CurrentParticipant: 2 }, Timeout,
                "the second participant to start");
        }
        await using (var db = Stored(database))
            interrupted = JsonSerializer.Deserialize<SimulationRunView>((await db.Jobs.SingleAsync(j => j.Id == runId)).ProgressJson!, JobProgress.Json)!;

        await using var restarted = new PlatformFactory(database.ConnectionString);
        var result = await restarted.Services.GetRequiredService<SimulationRuns>().EndedAsync(runId, Timeout);

        // The stopped server said where the run stood: waiting, the participant it was on (2, or 3 if 2 just finished)
        // interrupted, those before done.
        Assert.Equal((SimulationStatus.Queued, 0), (interrupted.Status, interrupted.Failed));
        Assert.InRange(interrupted.CurrentParticipant, 2, 3);
        Assert.Equal(interrupted.CurrentParticipant - 1, interrupted.Completed);
        Assert.True(result.Failures.Count == 0, string.Join("\n", result.Failures));
        Assert.Equal((SimulationStatus.Finished, 3, 0), (result.Status, result.Completed, result.Failed));
        Assert.Contains($"Participant {interrupted.CurrentParticipant}: started again after a server restart (an interrupted participant's session is left unfinished).", result.Notes);
        await using (var db = Stored(database))
            Assert.Equal(3, await db.Sessions.CountAsync(s => s.StudyId == studyId && s.IsSimulated && s.Status == SessionStatus.Completed));
    }

    private static PlatformDbContext Stored(PostgresDatabase database) =>
        new(new DbContextOptionsBuilder<PlatformDbContext>().UseNpgsql(database.ConnectionString).Options);
}
