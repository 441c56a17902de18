using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace InteractionLab.Api.LanguageModels;

/// <summary>
/// Enforces an endpoint's <see cref="EndpointLimits"/> on every call, streaming or not: a call waits for a free
/// slot at most the timeout (then a 503 problem "busy") and is cancelled once it runs longer than the timeout
/// (then a 504 problem), so a slow endpoint cannot hold participants or server threads indefinitely.
/// </summary>
public sealed class LimitedChatClient(IChatClient inner, EndpointLimits limits) : DelegatingChatClient(inner)
{
    /// <summary>The limits applied.</summary>
    public EndpointLimits Limits => limits;

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        await EnterAsync(cancellationToken);
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(limits.Timeout);
            try
            {
                return await base.GetResponseAsync(messages, options, deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw TimedOut();
            }
        }
        finally
        {
            limits.Slots.Release();
        }
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await EnterAsync(cancellationToken);
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(limits.Timeout);
            await using var updates = base.GetStreamingResponseAsync(messages, options, deadline.Token).GetAsyncEnumerator(deadline.Token);
            while (true)
            {
                // yield cannot sit inside a try with a catch, so each step is awaited here and yielded below.
                ChatResponseUpdate update;
                try
                {
                    if (!await updates.MoveNextAsync()) break;
                    update = updates.Current;
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw TimedOut();
                }
                yield return update;
            }
        }
        finally
        {
            limits.Slots.Release();
        }
    }

    private async Task EnterAsync(CancellationToken ct)
    {
        if (!await limits.Slots.WaitAsync(limits.Timeout, ct))
            throw new PlatformProblemException(503, "Model busy",
                $"The model endpoint '{limits.Endpoint}' already runs {limits.MaxConcurrentRequests} request(s) and none finished within {limits.Timeout.TotalSeconds:0} s. Try again shortly or raise its concurrency limit.");
    }

    private PlatformProblemException TimedOut() => new(504, "Model timed out",
        $"The model endpoint '{limits.Endpoint}' did not finish within {limits.Timeout.TotalSeconds:0} s; the request was cancelled.");
}
