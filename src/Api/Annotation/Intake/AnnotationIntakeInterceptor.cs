using System.Runtime.CompilerServices;
using Hangfire;
using InteractionLab.Api.Data;
using InteractionLab.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InteractionLab.Api.Annotation.Intake;

/// <summary>
/// The hook where a session completes, whichever way it does (last stage passed, survey submitted, session
/// imported): after a save that completed sessions, their items are made at once, on a context of their own. A
/// save inside an explicit transaction hands its sessions to a job instead (the items could not be seen before
/// the commit). A session set to withdrawn loses its items the same way. Intake never fails the participant's save.
/// </summary>
public sealed class AnnotationIntakeInterceptor(IServiceProvider services, ILogger<AnnotationIntakeInterceptor> log)
    : SaveChangesInterceptor
{
    // Resolved on first use: the intake needs the context factory, whose options need this interceptor.
    private ItemIntake Intake => services.GetRequiredService<ItemIntake>();

    // What could not run at once becomes a Hangfire job (IntakeJob), so a restart loses none of it.
    private void Later(Changed changed) => IntakeJob.Enqueue(services.GetRequiredService<IBackgroundJobClient>(), changed.Completed, changed.Withdrawn);

    private readonly ConditionalWeakTable<DbContext, Changed> pending = new();

    /// <inheritdoc />
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    /// <inheritdoc />
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    /// <inheritdoc />
    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        // Synchronous saves (none complete sessions today) leave the work to a job rather than block on it.
        if (Take(eventData.Context) is { } changed) Later(changed);
        return result;
    }

    /// <inheritdoc />
    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (Take(eventData.Context) is not { } changed) return result;
        if (eventData.Context!.Database.CurrentTransaction is not null)
        {
            Later(changed);
            return result;
        }
        try
        {
            // Not the request's token: a participant closing the tab must not leave the items half made.
            if (changed.Withdrawn.Count > 0) await Intake.RemoveWithdrawnAsync(changed.Withdrawn, CancellationToken.None);
            if (changed.Completed.Count > 0) await Intake.IngestSessionsAsync(changed.Completed, CancellationToken.None);
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException or System.Text.Json.JsonException)
        {
            log.LogError(e, "Annotation intake failed for {Count} session(s); it is queued as a job and retried.", changed.Completed.Count + changed.Withdrawn.Count);
            Later(changed);
        }
        return result;
    }

    /// <inheritdoc />
    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Take(eventData.Context);

    /// <inheritdoc />
    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Take(eventData.Context);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null) return;
        var changed = new Changed();
        foreach (var entry in context.ChangeTracker.Entries<Session>())
        {
            var s = entry.Entity;
            var became = entry.State == EntityState.Added
                || (entry.State == EntityState.Modified && entry.Property(x => x.Status).IsModified
                    && !Equals(entry.Property(x => x.Status).OriginalValue, s.Status));
            if (!became) continue;
            if (s.Status == SessionStatus.Completed && !s.IsSimulated) changed.Completed.Add(s.Id);
            else if (s.Status == SessionStatus.Withdrawn) changed.Withdrawn.Add(s.Id);
        }
        if (changed.Completed.Count + changed.Withdrawn.Count > 0) pending.AddOrUpdate(context, changed);
    }

    private Changed? Take(DbContext? context)
    {
        if (context is null || !pending.TryGetValue(context, out var changed)) return null;
        pending.Remove(context);
        return changed;
    }

    private sealed class Changed
    {
        public List<SessionId> Completed { get; } = [];
        public List<SessionId> Withdrawn { get; } = [];
    }
}
