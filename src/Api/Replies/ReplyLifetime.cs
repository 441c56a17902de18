using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InteractionLab.Api.Replies;

/// <summary>
/// Keeps replies across the process's life: at start it stores replies kept in the spool and marks turns a crash left
/// generating as interrupted; when the process stops (a deploy, Ctrl+C) it interrupts the running replies at once and
/// waits until each is saved with the text it had.
/// </summary>
public sealed class ReplyLifetime(
    ActiveReplies replies, ReplyRunner runner, ReplyStore store, ReplySpool spool, IOptions<ReplyOptions> options,
    IHostApplicationLifetime lifetime, ILogger<ReplyLifetime> log) : IHostedService
{
    private CancellationTokenRegistration _stopping;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Interrupt as soon as stopping begins, before the server waits for its requests to drain.
        _stopping = lifetime.ApplicationStopping.Register(() => _ = replies.InterruptAllAsync(CancellationToken.None));
        lifetime.ApplicationStarted.Register(() => _ = Task.Run(RecoverAsync));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.DisposeAsync();
        await replies.InterruptAllAsync(cancellationToken);
    }

    private async Task RecoverAsync()
    {
        try
        {
            var stored = await runner.StoreKeptAsync(lifetime.ApplicationStopping);
            if (stored > 0) log.LogInformation("Stored {Count} kept repl(ies) from {Spool}", stored, spool.Directory);
            foreach (var stale in await store.StaleAsync(options.Value.StaleAfter, lifetime.ApplicationStopping))
            {
                log.LogWarning("Session {Session} turn {Turn} was left generating by a process that ended; it is marked interrupted", stale.Session, stale.Index);
                await runner.SaveAsync(stale);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Recovering replies at start-up failed; it is tried again at the next start");
        }
    }
}
