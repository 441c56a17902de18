namespace InteractionLab.Web.Components.Admin.Jobs;

/// <summary>
/// Re-reads a background job's stored progress every <see cref="Interval"/> until it ends, so a page shows progress
/// made by whichever server runs the job (it may be another instance, or this one after a restart).
/// </summary>
/// <typeparam name="TView">The job kind's progress view.</typeparam>
public sealed class JobPoller<TView> : IDisposable where TView : class
{
    /// <summary>How often the page looks.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _stop = new();

    /// <summary>
    /// Starts polling: <paramref name="read"/> the stored view, <paramref name="show"/> it, and stop once
    /// <paramref name="ended"/> says so (or the job is gone).
    /// </summary>
    public JobPoller(TimeProvider time, Func<CancellationToken, Task<TView?>> read, Func<TView, bool> ended, Func<TView, Task> show) =>
        _ = PollAsync(time, read, ended, show);

    private async Task PollAsync(TimeProvider time, Func<CancellationToken, Task<TView?>> read, Func<TView, bool> ended, Func<TView, Task> show)
    {
        var stop = _stop.Token;
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                TView? view;
                try
                {
                    view = await read(stop);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A failed read (the database briefly away) is tried again at the next tick.
                    continue;
                }
                if (view is null) return;
                await show(view);
                if (ended(view)) return;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The page went away.
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
