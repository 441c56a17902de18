using System.Collections.Concurrent;
using System.Text;
using InteractionLab.Domain;

namespace InteractionLab.Api.Dialogue;

/// <summary>
/// Replies being generated, one per session at most, with the handle the participant's stop button cancels and
/// the text received so far (a page reloaded mid-reply shows it instead of an empty "typing…").
/// The generation owns its cancellation source: a closed tab does not cancel it, only an explicit stop does.
/// </summary>
public sealed class ActiveReplies
{
    private readonly ConcurrentDictionary<SessionId, Reply> _replies = new();

    private sealed record Reply(CancellationTokenSource Stop, StringBuilder Text);

    /// <summary>Whether a reply is being generated for the session.</summary>
    public bool IsActive(SessionId session) => _replies.ContainsKey(session);

    /// <summary>The text of the session's running reply so far, or null when none is running.</summary>
    public string? PartialText(SessionId session)
    {
        if (!_replies.TryGetValue(session, out var reply)) return null;
        lock (reply.Text) return reply.Text.ToString();
    }

    /// <summary>Registers a new reply; false when one is already running.</summary>
    internal bool TryBegin(SessionId session, out CancellationTokenSource stop)
    {
        stop = new CancellationTokenSource();
        if (_replies.TryAdd(session, new Reply(stop, new StringBuilder()))) return true;
        stop.Dispose();
        return false;
    }

    /// <summary>Adds a streamed piece to the running reply's text.</summary>
    internal void Append(SessionId session, string piece)
    {
        if (!_replies.TryGetValue(session, out var reply)) return;
        lock (reply.Text) reply.Text.Append(piece);
    }

    /// <summary>Asks the running reply to stop; false when none is running.</summary>
    public bool Stop(SessionId session)
    {
        if (!_replies.TryGetValue(session, out var reply)) return false;
        try { reply.Stop.Cancel(); } catch (ObjectDisposedException) { return false; }
        return true;
    }

    /// <summary>Unregisters the reply (only if it is still the registered one) and releases its source.</summary>
    internal void End(SessionId session, CancellationTokenSource stop)
    {
        if (_replies.TryGetValue(session, out var reply) && reply.Stop == stop)
            _replies.TryRemove(new KeyValuePair<SessionId, Reply>(session, reply));
        stop.Dispose();
    }
}
