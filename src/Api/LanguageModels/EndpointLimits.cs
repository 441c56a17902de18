namespace InteractionLab.Api.LanguageModels;

/// <summary>
/// The request limits of one endpoint, shared by the clients of all its models: at most
/// <see cref="MaxConcurrentRequests"/> requests at once, each (and each wait for a free slot) at most <see cref="Timeout"/>.
/// </summary>
public sealed class EndpointLimits : IDisposable
{
    /// <summary>Limits for an endpoint.</summary>
    public EndpointLimits(string endpoint, int maxConcurrentRequests, TimeSpan timeout)
    {
        Endpoint = endpoint;
        MaxConcurrentRequests = Math.Max(1, maxConcurrentRequests);
        Timeout = timeout > TimeSpan.Zero ? timeout : TimeSpan.FromSeconds(60);
        Slots = new SemaphoreSlim(MaxConcurrentRequests, MaxConcurrentRequests);
    }

    /// <summary>Endpoint name (for messages).</summary>
    public string Endpoint { get; }
    /// <summary>Most requests at once.</summary>
    public int MaxConcurrentRequests { get; }
    /// <summary>Longest request and longest wait for a slot.</summary>
    public TimeSpan Timeout { get; }
    /// <summary>Free request slots.</summary>
    internal SemaphoreSlim Slots { get; }
    /// <summary>Requests running now.</summary>
    public int InFlight => MaxConcurrentRequests - Slots.CurrentCount;

    /// <inheritdoc />
    public void Dispose() => Slots.Dispose();
}
