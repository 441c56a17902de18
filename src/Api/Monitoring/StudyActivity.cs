using System.Collections.Concurrent;
using InteractionLab.Api.Data;
using InteractionLab.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InteractionLab.Api.Monitoring;

/// <summary>
/// Tells live dashboards that a study's data changed. Writers report study or session ids as they save; each
/// study's subscribers are called once per burst (debounced), so a stream of events costs one refresh, not one
/// per row. Nothing is polled: without writes, nothing runs.
/// </summary>
public sealed class StudyActivity(IServiceProvider services, TimeProvider time, ILogger<StudyActivity> log)
{
    private readonly ConcurrentDictionary<SessionId, Guid> _studyOfSession = new();
    private readonly ConcurrentDictionary<Guid, Subscription[]> _subscribers = new();
    private readonly ConcurrentDictionary<Guid, byte> _pending = new();
    private readonly Lock _gate = new();

    /// <summary>How long a burst of changes is gathered before subscribers are called.</summary>
    public TimeSpan Debounce { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Calls <paramref name="changed"/> after changes to <paramref name="studyId"/>; dispose to stop.</summary>
    public IDisposable Subscribe(Guid studyId, Func<Task> changed)
    {
        var subscription = new Subscription(this, studyId, changed);
        lock (_gate) _subscribers[studyId] = [.. _subscribers.GetValueOrDefault(studyId) ?? [], subscription];
        return subscription;
    }

    /// <summary>Reports that something of <paramref name="studyId"/> was saved.</summary>
    public void StudyChanged(Guid studyId)
    {
        if (!_subscribers.ContainsKey(studyId) || !_pending.TryAdd(studyId, 0)) return;
        _ = PublishAfterDebounceAsync(studyId);
    }

    /// <summary>Reports that something of a session was saved (its study is looked up once and remembered).</summary>
    public void SessionChanged(SessionId sessionId)
    {
        if (_studyOfSession.TryGetValue(sessionId, out var studyId)) StudyChanged(studyId);
        else if (!_subscribers.IsEmpty) _ = LookUpAndPublishAsync(sessionId);
    }

    /// <summary>Remembers a session's study (sessions never move between studies).</summary>
    internal void Remember(SessionId sessionId, Guid studyId) => _studyOfSession.TryAdd(sessionId, studyId);

    private async Task LookUpAndPublishAsync(SessionId sessionId)
    {
        try
        {
            // Resolved here, not injected: the factory's options hold this service's interceptor (a cycle at construction).
            await using var db = await services.GetRequiredService<IDbContextFactory<PlatformDbContext>>().CreateDbContextAsync();
            var studyId = await db.Sessions.AsNoTracking().Where(s => s.Id == sessionId).Select(s => (Guid?)s.StudyId).SingleOrDefaultAsync();
            if (studyId is not { } id) return;
            Remember(sessionId, id);
            StudyChanged(id);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A dashboard missing one refresh is harmless; failing the participant's write would not be.
            log.LogWarning(e, "Could not find the study of session {Session} for live dashboards", sessionId);
        }
    }

    private async Task PublishAfterDebounceAsync(Guid studyId)
    {
        await Task.Delay(Debounce, time);
        _pending.TryRemove(studyId, out _);
        foreach (var subscription in _subscribers.GetValueOrDefault(studyId) ?? [])
        {
            try
            {
                await subscription.Changed();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                log.LogWarning(e, "A live dashboard of study {Study} failed to refresh", studyId);
            }
        }
    }

    private void Unsubscribe(Subscription subscription)
    {
        lock (_gate)
        {
            var rest = (_subscribers.GetValueOrDefault(subscription.StudyId) ?? []).Where(s => s != subscription).ToArray();
            if (rest.Length == 0) _subscribers.TryRemove(subscription.StudyId, out _);
            else _subscribers[subscription.StudyId] = rest;
        }
    }

    private sealed class Subscription(StudyActivity owner, Guid studyId, Func<Task> changed) : IDisposable
    {
        public Guid StudyId { get; } = studyId;
        public Func<Task> Changed { get; } = changed;
        public void Dispose() => owner.Unsubscribe(this);
    }
}
