using InteractionLab.Domain;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InteractionLab.Api.Replies;

/// <summary>
/// Recovers what a process that ended left behind, once the app has started: first it stores replies kept in the spool,
/// then it marks turns a crash left generating as interrupted once they are stale (<c>StaleAfter</c> after their last
/// sign of life), looking again every <c>StaleAfter</c>: when the process came back sooner than that (a supervisor
/// restarts it at once) the first look finds the turn fresh, and without a second look it would stay generating and
/// hold back the turns export until the next start. A hosted loop with its own stopping token, so a stop ends it at once.
/// </summary>
public sealed class ReplyRecovery(
    ActiveReplies replies, ReplyRunner runner, ReplyStore store, ReplySpool spool, IOptions<ReplyOptions> options,
    TimeProvider time, IHostApplicationLifetime lifetime, ILogger<ReplyRecovery> log) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
                await started.Task.WaitAsync(stoppingToken);
            await StoreKeptAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                await MarkStaleAsync(stoppingToken);
                await Task.Delay(options.Value.StaleAfter, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the next start looks again.
        }
    }

    private async Task StoreKeptAsync(CancellationToken ct)
    {
        try
        {
            var stored = await runner.StoreKeptAsync(ct);
            if (stored > 0) log.LogInformation("Stored {Count} kept repl(ies) from {Spool}", stored, spool.Directory);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Storing kept replies failed; it is tried again at the next start");
        }
    }

    private async Task MarkStaleAsync(CancellationToken ct)
    {
        try
        {
            foreach (var stale in await store.StaleAsync(options.Value.StaleAfter, ct))
            {
                if (replies.IsActive(new SessionId(stale.Session))) continue; // this process's own reply, waiting to write
                if (await store.MarkInterruptedAsync(stale, ct))
                    log.LogWarning("Session {Session} turn {Turn} was left generating by a process that ended; it is marked interrupted", stale.Session, stale.Index);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Marking replies a crash left generating failed; it is tried again in {StaleAfter}", options.Value.StaleAfter);
        }
    }
}
