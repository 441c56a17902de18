using InteractionLab.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Sessions;

/// <summary>
/// A transaction-scoped advisory lock keyed by the study id: works across every web instance sharing the
/// database and is released by PostgreSQL itself at commit or rollback, so a crashed request cannot leak it.
/// </summary>
public sealed class PostgresStudyLock : IStudyLock
{
    /// <inheritdoc />
    public async Task<IAsyncDisposable> EnterAsync(PlatformDbContext db, Guid studyId, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("The study lock must be taken inside a transaction.");
        var key = BitConverter.ToInt64(studyId.ToByteArray(), 0);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", ct);
        return Released.Instance;
    }

    private sealed class Released : IAsyncDisposable
    {
        public static readonly Released Instance = new();
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
