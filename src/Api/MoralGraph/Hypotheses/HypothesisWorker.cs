using Microsoft.Extensions.Hosting;

namespace InteractionLab.Api.MoralGraph.Hypotheses;

/// <summary>Runs queued hypothesis generations one at a time (they share the researcher's model budget).</summary>
public sealed class HypothesisWorker(HypothesisGenerator generator) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var job in generator.Queue.ReadAllAsync(stoppingToken))
            await generator.RunAsync(job, stoppingToken);
    }
}
