namespace InteractionLab.Inference.Engine;

/// <summary>
/// Per-model admission: up to <c>limit</c> generations run, up to <c>queue</c> wait in FIFO order, the rest are
/// refused at once so that clients get a clear 429 rather than an ever-growing latency.
/// </summary>
internal sealed class ConcurrencyGate(string modelId, int limit, int queue)
{
    private readonly SemaphoreSlim _slots = new(limit, limit);
    private int _occupants;
    private TaskCompletionSource _idle = NewIdleSignal(completed: true);
    private readonly KeyValuePair<string, object?> _model = InferenceMeters.Model(modelId);

    /// <summary>Requests running or waiting.</summary>
    public int Occupants => Volatile.Read(ref _occupants);

    /// <summary>Requests holding a slot (running).</summary>
    public int Running => limit - _slots.CurrentCount;

    public async ValueTask<IDisposable> EnterAsync(CancellationToken ct)
    {
        if (Interlocked.Increment(ref _occupants) > limit + queue)
        {
            Leave();
            InferenceMeters.Rejected.Add(1, _model);
            throw new ModelBusyException(modelId, limit, queue);
        }

        lock (_slots)
        {
            if (_idle.Task.IsCompleted) { _idle = NewIdleSignal(completed: false); }
        }

        InferenceMeters.Queued.Add(1, _model);
        try
        {
            await _slots.WaitAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            InferenceMeters.Queued.Add(-1, _model);
            Leave();
            throw;
        }

        InferenceMeters.Queued.Add(-1, _model);
        InferenceMeters.Running.Add(1, _model);
        return new Lease(this);
    }

    /// <summary>Completes when no request runs or waits (shutdown, and tests that a disconnect freed the model).</summary>
    public Task WhenIdle
    {
        get { lock (_slots) { return _idle.Task; } }
    }

    private void Leave()
    {
        if (Interlocked.Decrement(ref _occupants) == 0)
        {
            lock (_slots)
            {
                if (Volatile.Read(ref _occupants) == 0) { _idle.TrySetResult(); }
            }
        }
    }

    private static TaskCompletionSource NewIdleSignal(bool completed)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed) { signal.SetResult(); }
        return signal;
    }

    private sealed class Lease(ConcurrencyGate gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate._slots.Release();
                InferenceMeters.Running.Add(-1, gate._model);
                gate.Leave();
            }
        }
    }
}
