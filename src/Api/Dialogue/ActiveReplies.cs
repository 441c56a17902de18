using System.Collections.Concurrent;
using InteractionLab.Domain;

namespace InteractionLab.Api.Dialogue;

/// <summary>
/// Replies being generated, one per session at most, with the handle the participant's stop button cancels.
/// The generation owns its cancellation source: a closed tab does not cancel it, only an explicit stop does.
/// </summary>
public sealed class ActiveReplies
{
    private readonly ConcurrentDictionary<SessionId, CancellationTokenSource> _replies = new();

    /// <summary>Whether a reply is being generated for the session.</summary>
    public bool IsActive(SessionId session) => _replies.ContainsKey(session);

    /// <summary>Registers a new reply; false when one is already running.</summary>
    internal bool TryBegin(SessionId session, out CancellationTokenSource stop)
    {
        stop = new CancellationTokenSource();
        if (_replies.TryAdd(session, stop)) return true;
        stop.Dispose();
        return false;
    }

    /// <summary>Asks the running reply to stop; false when none runs.</summary>
    public bool Stop(SessionId session)
    {
        if (!_replies.TryGetValue(session, out var stop)) return false;
        try { stop.Cancel(); } catch (ObjectDisposedException) { return false; }
        return true;
    }

    /// <summary>Forgets a finished reply.</summary>
    internal void End(SessionId session, CancellationTokenSource stop)
    {
        _replies.TryRemove(new KeyValuePair<SessionId, CancellationTokenSource>(session, stop));
        stop.Dispose();
    }
}
