using System.Collections.Concurrent;
using InteractionLab.Domain;

namespace InteractionLab.Api.Replies;

/// <summary>
/// The model calls running in this process, one per session at most, with the handle the participant's stop button
/// cancels and the text of the reply so far (a page reloaded mid-reply shows it instead of an empty "typing…").
/// A call owns its cancellation: a closed tab does not cancel it, only an explicit stop or the process shutting down
/// (<see cref="InterruptAllAsync"/>) does.
/// </summary>
public sealed class ActiveReplies
{
    private readonly ConcurrentDictionary<SessionId, ReplyCall> _calls = new();

    /// <summary>Whether a model call is running for the session in this process.</summary>
    public bool IsActive(SessionId session) => _calls.ContainsKey(session);

    /// <summary>The text of the session's running reply so far, or null when none is running here.</summary>
    public string? PartialText(SessionId session) => _calls.TryGetValue(session, out var call) ? call.PartialText : null;

    /// <summary>True while the session's running reply waits in the model's line.</summary>
    public bool IsQueued(SessionId session) => _calls.TryGetValue(session, out var call) && call.Queued;

    /// <summary>Registers a new call; false when one is already running for the session.</summary>
    internal bool TryBegin(SessionId session, out ReplyCall call)
    {
        call = new ReplyCall(this, session);
        if (_calls.TryAdd(session, call)) return true;
        call.Release();
        return false;
    }

    /// <summary>Asks the running call to stop (the participant pressed stop); false when none is running.</summary>
    public bool Stop(SessionId session) => _calls.TryGetValue(session, out var call) && call.Stop();

    /// <summary>
    /// Interrupts every running call (the process is stopping) and waits until each has saved what it has, so a
    /// deploy leaves every reply stored, marked <c>interrupted</c>, instead of losing it.
    /// </summary>
    public async Task InterruptAllAsync(CancellationToken ct)
    {
        var running = _calls.Values.ToList();
        foreach (var call in running) call.Interrupt();
        await Task.WhenAll(running.Select(c => c.Ended)).WaitAsync(ct);
    }

    /// <summary>Unregisters the call (only if it is still the registered one).</summary>
    internal void End(ReplyCall call) => _calls.TryRemove(new KeyValuePair<SessionId, ReplyCall>(call.Session, call));
}
