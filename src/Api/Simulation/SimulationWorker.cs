using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace InteractionLab.Api.Simulation;

/// <summary>
/// Runs queued simulations in the background, one participant after another (a pilot need not be fast, and one at
/// a time keeps it from crowding out real participants on the same model endpoint).
/// </summary>
public sealed class SimulationWorker(SimulationRuns runs, SimulatedParticipant participant, ILogger<SimulationWorker> log) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var run in runs.Queue.ReadAllAsync(stoppingToken))
        {
            for (var i = 1; i <= run.Request.Count && !stoppingToken.IsCancellationRequested; i++)
            {
                run.Begin(i);
                try
                {
                    await participant.RunAsync(run, i, stoppingToken);
                    run.Succeeded();
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    run.Fail(i, "the server stopped.");
                }
                catch (Exception e)
                {
                    log.LogWarning(e, "Simulated participant {Number} of run {Run} failed", i, run.Id);
                    run.Fail(i, e is PlatformProblemException p ? p.Detail : e.Message);
                }
            }
            run.Finish();
        }
    }
}
