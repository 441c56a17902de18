namespace InteractionLab.Web.Participant;

/// <summary>
/// Coalesces re-render requests while tokens stream in. A circuit re-render per token is wasteful on a busy
/// server, so it renders at most once per interval; a request inside the interval schedules one trailing render,
/// so the last tokens are never left unshown while the model pauses.
/// </summary>
public sealed class RenderThrottle(TimeSpan interval, Func<Task> render, TimeProvider time)
{
    private readonly Lock gate = new();
    private long lastRender;
    private bool hasRendered;
    private bool trailingScheduled;

    /// <summary>Asks for a render: now if the interval has passed, otherwise once when it does.</summary>
    public void Request()
    {
        TimeSpan wait;
        lock (gate)
        {
            if (trailingScheduled) return;
            var now = time.GetTimestamp();
            var elapsed = time.GetElapsedTime(lastRender, now);
            if (!hasRendered || elapsed >= interval)
            {
                hasRendered = true;
                lastRender = now;
                wait = TimeSpan.Zero;
            }
            else
            {
                trailingScheduled = true;
                wait = interval - elapsed;
            }
        }
        _ = wait == TimeSpan.Zero ? render() : RenderLaterAsync(wait);
    }

    private async Task RenderLaterAsync(TimeSpan wait)
    {
        await Task.Delay(wait, time);
        lock (gate)
        {
            trailingScheduled = false;
            lastRender = time.GetTimestamp();
        }
        await render();
    }
}
