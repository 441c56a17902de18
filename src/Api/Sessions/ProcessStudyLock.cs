using System.Collections.Concurrent;
using InteractionLab.Api.Data;

namespace InteractionLab.Api.Sessions;

/// <summary>
/// In-process lock per study for the embedded SQLite default, which runs as a single process by design
/// (SQLite allows one writer at a time anyway).
/// </summary>
public sealed class ProcessStudyLock : IStudyLock
{
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _locks = new();

    /// <inheritdoc />
    public async Task<IAsyncDisposable> EnterAsync(PlatformDbContext db, Guid studyId, CancellationToken ct)
    {
        var gate = _locks.GetOrAdd(studyId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        return new Releaser(gate);
    }

    private sealed class Releaser(SemaphoreSlim gate) : IAsyncDisposable
    {
        private int _released;
        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release();
            return ValueTask.CompletedTask;
        }
    }
}
