using InteractionLab.Api.MoralGraph.Hypotheses;
using InteractionLab.Api.Simulation;

namespace InteractionLab.Testing;

/// <summary>Waits for background jobs to end by reading their stored progress (as a page on any instance does).</summary>
public static class JobWaits
{
    /// <summary>The run once it finished or failed.</summary>
    public static async Task<SimulationRunView> EndedAsync(this SimulationRuns runs, Guid id, TimeSpan timeout) =>
        (await Poll.UntilAsync(() => runs.FindAsync(id), v => v?.Status is SimulationStatus.Finished or SimulationStatus.Failed, timeout,
            $"simulation run {id} to end"))!;

    /// <summary>The generation job once it succeeded or failed.</summary>
    public static async Task<HypothesisGenerationView> EndedAsync(this HypothesisGenerator generator, Guid studyId, Guid id, TimeSpan timeout) =>
        (await Poll.UntilAsync(() => generator.FindAsync(studyId, id), v => v?.Status is GenerationStatus.Succeeded or GenerationStatus.Failed, timeout,
            $"generation job {id} to end"))!;
}
