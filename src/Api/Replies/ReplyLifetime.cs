using Microsoft.Extensions.Hosting;

namespace InteractionLab.Api.Replies;

/// <summary>
/// Ends replies with the process: when it stops (a deploy, Ctrl+C) it interrupts the running replies at once and waits
/// until each is saved with the text it had (what a process that ended left behind is <see cref="ReplyRecovery"/>'s).
/// </summary>
public sealed class ReplyLifetime(
    ActiveReplies replies, IHostApplicationLifetime lifetime) : IHostedService
{
    private CancellationTokenRegistration _stopping;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Interrupt as soon as stopping begins, before the server waits for its requests to drain.
        _stopping = lifetime.ApplicationStopping.Register(() => _ = replies.InterruptAllAsync(CancellationToken.None));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.DisposeAsync();
        await replies.InterruptAllAsync(cancellationToken);
    }
}
