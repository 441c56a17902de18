using System.Runtime.CompilerServices;
using InteractionLab.Api.LanguageModels;
using Microsoft.Extensions.AI;

namespace InteractionLab.E2E.Infrastructure;

/// <summary>
/// The "local" model endpoint for browser tests: streams canned replies word by word at a human-visible pace,
/// and can hold a reply half-way until the test releases it, so a reload can land mid-stream deterministically.
/// </summary>
public sealed class ScriptedModel : IChatClientSource, IChatClient
{
    /// <summary>The reply every message gets.</summary>
    public const string Reply = "That sounds lovely! A new city has so much to discover. Have you tried a walking tour of the old town yet?";
    private static readonly TimeSpan TokenPace = TimeSpan.FromMilliseconds(25);
    private TaskCompletionSource? hold;
    private TaskCompletionSource? releasing;
    private int holdAfterTokens;

    /// <inheritdoc />
    public string Endpoint => "local";

    /// <inheritdoc />
    public IChatClient GetClient(string model) => this;

    /// <summary>The next reply stops after <paramref name="tokens"/> tokens until <see cref="Release"/>.</summary>
    public void HoldNextReplyAfter(int tokens)
    {
        holdAfterTokens = tokens;
        releasing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hold = releasing;
    }

    /// <summary>Lets the held reply finish.</summary>
    public void Release() => releasing?.TrySetResult();

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages,
        ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // A hold applies to one reply only, however that reply ends (released, stopped or abandoned).
        var gate = Interlocked.Exchange(ref hold, null);
        var words = Reply.Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            if (gate is not null && i == holdAfterTokens) await gate.Task.WaitAsync(cancellationToken);
            await Task.Delay(TokenPace, cancellationToken); // the pace of a small model, not test synchronisation
            yield return new ChatResponseUpdate(ChatRole.Assistant, (i == 0 ? "" : " ") + words[i]);
        }
        yield return new ChatResponseUpdate { FinishReason = ChatFinishReason.Stop };
    }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var u in GetStreamingResponseAsync(messages, options, cancellationToken)) updates.Add(u);
        return updates.ToChatResponse();
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
