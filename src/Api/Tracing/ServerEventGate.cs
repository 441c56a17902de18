using InteractionLab.Domain;

namespace InteractionLab.Api.Tracing;

/// <summary>
/// Lets one writer at a time number a session's server events (next sequence = highest + 1) in this process: task
/// events and saved replies. Without it, two writers on one session keep taking the same number and retrying (the
/// task-events benchmark showed five retries running out). Across instances the unique key and the writers' retry
/// still decide. Striped, so memory does not grow with the number of sessions.
/// </summary>
public sealed class ServerEventGate
{
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    /// <summary>Waits for the session's turn; dispose the result to let the next writer in.</summary>
    public async Task<IDisposable> EnterAsync(SessionId session, CancellationToken ct = default)
    {
        var stripe = _stripes[(session.Value.GetHashCode() & int.MaxValue) % _stripes.Length];
        await stripe.WaitAsync(ct);
        return new Turn(stripe);
    }

    private sealed class Turn(SemaphoreSlim stripe) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) stripe.Release();
        }
    }
}
