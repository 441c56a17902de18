namespace InteractionLab.Testing;

/// <summary>The test's side of <see cref="PausableChatClient"/>: arms a hold on the next reply and releases it.</summary>
public sealed class StreamHold
{
    private (int AfterUpdates, TaskCompletionSource<string> Reached, TaskCompletionSource Release)? armed;
    private readonly Lock gate = new();
    private TaskCompletionSource? release;

    /// <summary>
    /// The next reply stops after <paramref name="updates"/> text updates until <see cref="Release"/>. The returned
    /// task completes when the reply is held there, with the model's text up to that point; it fails if the reply
    /// ends before reaching it.
    /// </summary>
    public Task<string> HoldNextReplyAfter(int updates)
    {
        var reached = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate) armed = (updates, reached, release);
        return reached.Task;
    }

    /// <summary>Lets the held reply go on.</summary>
    public void Release() => release?.TrySetResult();

    internal (int AfterUpdates, TaskCompletionSource<string> Reached, TaskCompletionSource Release)? Take()
    {
        lock (gate)
        {
            var taken = armed;
            armed = null;
            return taken;
        }
    }
}
