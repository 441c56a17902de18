namespace InteractionLab.Testing;

/// <summary>
/// Waits on observable state (a database row, an API answer) with a deadline: reads it again every
/// <see cref="Every"/> until it satisfies the condition, and fails with the last value read when time runs out.
/// </summary>
public static class Poll
{
    /// <summary>Pause between reads.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromMilliseconds(50);

    /// <summary>The first value of <paramref name="read"/> that satisfies <paramref name="done"/>.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, string what)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var last = await read();
        while (!done(last))
        {
            try
            {
                await Task.Delay(Every, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Waited {timeout} for {what}; last seen: {last}");
            }
            last = await read();
        }
        return last;
    }
}
