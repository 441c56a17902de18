using System.Runtime.CompilerServices;
using InteractionLab.Api.LanguageModels;
using Microsoft.Extensions.AI;

namespace InteractionLab.Testing;

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
