using System.Runtime.CompilerServices;
using InteractionLab.Api.LanguageModels;
using Microsoft.Extensions.AI;

namespace InteractionLab.E2E.Infrastructure;

/// <summary>
/// Wraps the real in-process model's client (the demo ONNX model that production serves as "local") and passes
/// every streamed update through unchanged. Its only job is test synchronisation: a test can ask that the next
/// reply be held after a number of text-bearing updates until it releases it, so that a screenshot, a Stop click
/// or a page reload lands deterministically mid-stream. The hold is a <see cref="TaskCompletionSource"/> signal,
/// not a delay: nothing is slowed down, faked or rewritten, and an unheld reply streams at the model's own pace.
/// </summary>
public sealed class PausableChatClient(IChatClient inner, StreamHold hold) : DelegatingChatClient(inner)
{
    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages,
        ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // A hold applies to one reply only, however that reply ends (released, stopped, abandoned or finished early).
        var gate = hold.Take();
        var shown = 0;
        var text = new System.Text.StringBuilder();
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            if (gate is not null && shown == gate.Value.AfterUpdates)
            {
                gate.Value.Reached.TrySetResult(text.ToString());
                await gate.Value.Release.Task.WaitAsync(cancellationToken);
            }
            // Only updates with text reach the page (the gateway skips the rest), so only those count.
            if (!string.IsNullOrEmpty(update.Text))
            {
                shown++;
                text.Append(update.Text);
            }
            yield return update;
        }
        // A reply that ended before the hold point was never held: say so instead of letting the test time out later.
        gate?.Reached.TrySetException(new InvalidOperationException(
            $"The reply ended after {shown} text updates, before the hold after {gate.Value.AfterUpdates}: \"{text}\""));
    }
}

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

/// <summary>Decorates the platform's real <see cref="IChatClientSource"/> so its clients are pausable.</summary>
internal sealed class PausableChatClientSource(IChatClientSource inner, StreamHold hold) : IChatClientSource
{
    public string Endpoint => inner.Endpoint;

    public IChatClient GetClient(string model) => new PausableChatClient(inner.GetClient(model), hold);

    // The builder and the launch check ask which models the engine serves: the real engine's answer.
    public IReadOnlyList<SourceModel> ListModels() => inner.ListModels();
}
