namespace InteractionLab.Inference.Engine;

/// <summary>
/// Per-model admission: up to <c>limit</c> generations run, up to <c>queue</c> wait in FIFO order, the rest are
/// refused at once so that clients get a clear 429 rather than an ever-growing latency.
/// </summary>
internal sealed class ConcurrencyGate(string modelId, int limit, int queue)
{
    private readonly SemaphoreSlim _slots = new(limit, limit);
    private int _occupants;

    /// <summary>Requests running or waiting.</summary>
    public int Occupants => Volatile.Read(ref _occupants);

    /// <summary>Requests holding a slot (running).</summary>
    public int Running => limit - _slots.CurrentCount;

    public async ValueTask<IDisposable> EnterAsync(CancellationToken ct)
    {
        if (Interlocked.Increment(ref _occupants) > limit + queue)
        {
            Interlocked.Decrement(ref _occupants);
            throw new ModelBusyException(modelId, limit, queue);
        }

        try
        {
            await _slots.WaitAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            Interlocked.Decrement(ref _occupants);
            throw;
        }

        return new Lease(this);
    }

    private sealed class Lease(ConcurrencyGate gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate._slots.Release();
                Interlocked.Decrement(ref gate._occupants);
            }
        }
    }
}
