using System.ClientModel;
using System.Net;
using System.Runtime.CompilerServices;
using System.Threading.RateLimiting;
using Microsoft.Extensions.AI;

namespace InteractionLab.Api.LanguageModels;

/// <summary>
/// The limits middleware of the model pipeline. A call takes a turn from the endpoint's <see cref="EndpointLimits"/>
/// (waiting in line at most the timeout, then a 503 problem "busy"); a model that answers "busy" before sending
/// anything (the in-process engine at capacity, HTTP 429 or 503) is asked again after an exponential back-off within
/// the same time budget; a call that runs longer than the timeout is cancelled (a 504 problem). A streaming caller
/// that has to wait gets a <see cref="ModelQueuedContent"/> update first, so a participant can be told their message
/// is queued instead of watching a silent "typing…".
/// </summary>
public sealed class QueueingChatClient(IChatClient inner, EndpointLimits limits, Func<Exception, bool> isBusy, TimeProvider time)
    : DelegatingChatClient(inner)
{
    private static readonly TimeSpan FirstBackOff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestBackOff = TimeSpan.FromSeconds(2);

    /// <summary>The limits applied.</summary>
    public EndpointLimits Limits => limits;

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        using var lease = await TakeTurnAsync(cancellationToken);
        for (var attempt = 0; ; attempt++)
        {
            using var timeout = new CancellationTokenSource(limits.Timeout, time);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                return await base.GetResponseAsync(messages, options, deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw TimedOut();
            }
            catch (Exception e) when (isBusy(e))
            {
                // The model was at capacity: asked again after the back-off (or given up on when the time is spent).
            }
            await BackOffAsync(attempt, started, cancellationToken);
        }
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        var lease = limits.Limiter.AttemptAcquire();
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            yield return Queued();
            lease = await TakeTurnAsync(cancellationToken);
        }
        using var _ = lease;
        var toldQueued = false;
        for (var attempt = 0; ; attempt++)
        {
            using var timeout = new CancellationTokenSource(limits.Timeout, time);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            await using var updates = base.GetStreamingResponseAsync(messages, options, deadline.Token).GetAsyncEnumerator(deadline.Token);
            var sent = false;
            var retry = false;
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
                catch (Exception e) when (!sent && isBusy(e))
                {
                    retry = true;
                    break;
                }
                sent = true;
                yield return update;
            }
            if (!retry) yield break;
            await BackOffAsync(attempt, started, cancellationToken);
            if (!toldQueued)
            {
                toldQueued = true;
                yield return Queued();
            }
        }
    }

    private static ChatResponseUpdate Queued() => new(ChatRole.Assistant, [new ModelQueuedContent()]);

    private async Task<RateLimitLease> TakeTurnAsync(CancellationToken ct)
    {
        using var timeout = new CancellationTokenSource(limits.Timeout, time);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        RateLimitLease lease;
        try
        {
            lease = await limits.Limiter.AcquireAsync(1, wait.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw Busy();
        }
        if (lease.IsAcquired) return lease;
        lease.Dispose();
        throw Busy(); // the line itself is full
    }

    // Waits out the back-off before the next attempt, or gives up (503) when that would pass the time budget.
    private async Task BackOffAsync(int attempt, long started, CancellationToken ct)
    {
        var delay = TimeSpan.FromTicks(Math.Min(LongestBackOff.Ticks, FirstBackOff.Ticks << Math.Min(attempt, 10)));
        delay += TimeSpan.FromTicks((long)(delay.Ticks * 0.2 * Random.Shared.NextDouble()));
        if (time.GetElapsedTime(started) + delay > limits.Timeout) throw Busy();
        await Task.Delay(delay, time, ct);
    }

    private PlatformProblemException Busy() => new(503, "Model busy",
        $"The model endpoint '{limits.Endpoint}' already runs {limits.MaxConcurrentRequests} request(s) and none finished within {limits.Timeout.TotalSeconds:0} s. Try again shortly or raise its concurrency limit.");

    private PlatformProblemException TimedOut() => new(504, "Model timed out",
        $"The model endpoint '{limits.Endpoint}' did not finish within {limits.Timeout.TotalSeconds:0} s; the request was cancelled.");

    /// <summary>Whether an HTTP endpoint's error means "busy, ask again later" (429, 503).</summary>
    public static bool IsHttpBusy(Exception e) => e switch
    {
        ClientResultException { Status: 429 or 503 } => true,
        HttpRequestException { StatusCode: HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable } => true,
        _ => false,
    };
}
