using System.Threading.RateLimiting;

namespace InteractionLab.Api.LanguageModels;

/// <summary>
/// The request limits of one endpoint (or, for an in-process engine, one model), shared by every client of it: at most
/// <see cref="MaxConcurrentRequests"/> requests run at once and up to <see cref="MaxQueuedRequests"/> more wait in
/// arrival order (an in-box <see cref="ConcurrencyLimiter"/>); a request waits at most <see cref="Timeout"/> for its
/// turn and then runs at most <see cref="Timeout"/>.
/// </summary>
public sealed class EndpointLimits : IDisposable
{
    /// <summary>Requests that may wait when no bound is configured: enough for every participant of a busy instance.</summary>
    public const int DefaultQueue = 1000;

    /// <summary>Limits for an endpoint.</summary>
    public EndpointLimits(string endpoint, int maxConcurrentRequests, TimeSpan timeout, int maxQueuedRequests = DefaultQueue)
    {
        Endpoint = endpoint;
        MaxConcurrentRequests = Math.Max(1, maxConcurrentRequests);
        MaxQueuedRequests = Math.Max(0, maxQueuedRequests);
        Timeout = timeout > TimeSpan.Zero ? timeout : TimeSpan.FromSeconds(60);
        Limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = MaxConcurrentRequests,
            QueueLimit = MaxQueuedRequests,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>Endpoint name (for messages).</summary>
    public string Endpoint { get; }
    /// <summary>Most requests at once.</summary>
    public int MaxConcurrentRequests { get; }
    /// <summary>Most requests waiting for a turn.</summary>
    public int MaxQueuedRequests { get; }
    /// <summary>Longest wait for a turn, and longest request.</summary>
    public TimeSpan Timeout { get; }
    /// <summary>The limiter that hands out turns.</summary>
    internal ConcurrencyLimiter Limiter { get; }
    /// <summary>Requests running now.</summary>
    public int InFlight => MaxConcurrentRequests - (int)(Limiter.GetStatistics()?.CurrentAvailablePermits ?? MaxConcurrentRequests);
    /// <summary>Requests waiting for a turn now.</summary>
    public int Waiting => (int)(Limiter.GetStatistics()?.CurrentQueuedCount ?? 0);

    /// <inheritdoc />
    public void Dispose() => Limiter.Dispose();
}
