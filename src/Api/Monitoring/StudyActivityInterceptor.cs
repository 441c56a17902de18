using System.Runtime.CompilerServices;
using InteractionLab.Api.Data;
using InteractionLab.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace InteractionLab.Api.Monitoring;

/// <summary>
/// Notes which studies a SaveChanges touches (sessions, turns, survey answers, server trace events, the study
/// itself) and reports them to <see cref="StudyActivity"/> once the save has succeeded.
/// </summary>
public sealed class StudyActivityInterceptor(StudyActivity activity) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, Touched> _touched = new();

    /// <inheritdoc />
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    /// <inheritdoc />
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    /// <inheritdoc />
    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Publish(eventData.Context);
        return result;
    }

    /// <inheritdoc />
    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Publish(eventData.Context);
        return ValueTask.FromResult(result);
    }

    /// <inheritdoc />
    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is { } context) _touched.Remove(context);
    }

    /// <inheritdoc />
    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null) return;
        var touched = new Touched();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            switch (entry.Entity)
            {
                case Study s: touched.Studies.Add(s.Id); break;
                case Session s:
                    activity.Remember(s.Id, s.StudyId);
                    touched.Studies.Add(s.StudyId);
                    break;
                case Turn t: touched.Sessions.Add(t.SessionId); break;
                case SurveyResponse r: touched.Sessions.Add(r.SessionId); break;
                case TraceEvent e: touched.Sessions.Add(e.SessionId); break;
            }
        }
        _touched.AddOrUpdate(context, touched);
    }

    private void Publish(DbContext? context)
    {
        if (context is null || !_touched.TryGetValue(context, out var touched)) return;
        _touched.Remove(context);
        foreach (var study in touched.Studies) activity.StudyChanged(study);
        foreach (var session in touched.Sessions) activity.SessionChanged(session);
    }

    private sealed class Touched
    {
        public HashSet<Guid> Studies { get; } = [];
        public HashSet<SessionId> Sessions { get; } = [];
    }
}
