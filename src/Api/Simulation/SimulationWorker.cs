using System.Text.Json;
using Hangfire;
using InteractionLab.Api.Data;
using InteractionLab.Api.Jobs;
using Microsoft.Extensions.Logging;

namespace InteractionLab.Api.Simulation;

/// <summary>
/// Runs a simulation on Hangfire (any instance), one participant after another (a pilot need not be fast, and one at
/// a time keeps it from crowding out real participants on the same model endpoint). Progress goes into the run's
/// <see cref="JobRecord"/> after every step. A shutdown puts the run back in Hangfire's queue; the next server goes on
/// with the participant that was interrupted, as a new simulated session (the interrupted one stays unfinished).
/// </summary>
public sealed class SimulationWorker(JobStore jobs, SimulatedParticipant participant, ILogger<SimulationWorker> log)
{
    /// <summary>Runs (or goes on with) run <paramref name="runId"/>.</summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(Guid runId, CancellationToken ct)
    {
        if (await jobs.BeginAsync(runId, ct) is not { } record) return;
        var request = JobRecords.RequestOf<SimulationRequest>(record);
        var stored = record.ProgressJson is { } json ? JsonSerializer.Deserialize<SimulationRunView>(json, JobProgress.Json) : null;
        var run = new SimulationRun(record.Id, record.StudyId, request, record.StartedBy, stored);
        var progress = jobs.Progress(runId);
        run.Changed += v => progress.Report(v.Status switch
        {
            SimulationStatus.Queued => JobState.Queued,
            SimulationStatus.Running => JobState.Running,
            SimulationStatus.Finished => JobState.Succeeded,
            _ => JobState.Failed,
        }, v);
        var first = run.Snapshot().Done + 1;
        if (record.Attempts > 1 && first <= request.Count)
            run.Note(first, "started again after a server restart (an interrupted participant's session is left unfinished).");
        for (var i = first; i <= request.Count; i++)
        {
            run.Begin(i);
            try
            {
                await participant.RunAsync(run, i, ct);
                run.Succeeded();
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                run.Interrupt();
                await progress.FlushAsync();
                throw;
            }
            catch (Exception e)
            {
                log.LogWarning(e, "Simulated participant {Number} of run {Run} failed", i, run.Id);
                run.Fail(i, e is PlatformProblemException p ? p.Detail : e.Message);
            }
        }
        run.Finish();
        await progress.FlushAsync();
    }
}
