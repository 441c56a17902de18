using InteractionLab.Api.Data;

namespace InteractionLab.Api.Sessions;

/// <summary>
/// Serialises condition assignment per study so that concurrent consents see each other's sessions.
/// Enter inside a transaction on the context passed in; the lock is held until the returned handle is
/// disposed or the transaction ends.
/// </summary>
public interface IStudyLock
{
    /// <summary>Waits for the study's lock.</summary>
    /// <param name="db">Context whose current transaction holds the lock.</param>
    /// <param name="studyId">The study.</param>
    /// <param name="ct">Cancellation.</param>
    Task<IAsyncDisposable> EnterAsync(PlatformDbContext db, Guid studyId, CancellationToken ct);
}
