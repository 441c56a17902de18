using System.Text;
using InteractionLab.Domain;

namespace InteractionLab.Api.Replies;

/// <summary>
/// One participant action that asks the model, from the moment it is accepted until everything it generated is saved:
/// one reply, n suggestions, or an interviewer's reply with its tool follow-up. At most one per session runs at a time
/// (<see cref="ActiveReplies"/>). Disposing it ends it.
/// </summary>
public sealed class ReplyCall : IDisposable
{
    private readonly ActiveReplies _owner;
    private readonly CancellationTokenSource _cancel = new();
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly StringBuilder _text = new();
    private int _reason; // 0 running, 1 stopped by the participant, 2 interrupted by a shutdown

    internal ReplyCall(ActiveReplies owner, SessionId session)
    {
        _owner = owner;
        Session = session;
    }

    /// <summary>The session.</summary>
    public SessionId Session { get; }

    /// <summary>Cancelled when the participant stops the call or the process shuts down.</summary>
    public CancellationToken Token => _cancel.Token;

    /// <summary>True once the participant pressed stop.</summary>
    public bool StoppedByParticipant => Volatile.Read(ref _reason) == 1;

    /// <summary>True once a shutdown cut the call short.</summary>
    public bool Interrupted => Volatile.Read(ref _reason) == 2;

    /// <summary>The text of the model turn now streaming.</summary>
    public string PartialText
    {
        get { lock (_text) return _text.ToString(); }
    }

    /// <summary>True while the model turn now streaming waits in the model's line.</summary>
    public bool Queued { get; internal set; }

    /// <summary>Completes when the call has ended (its last turn is saved).</summary>
    internal Task Ended => _ended.Task;

    internal void Append(string piece)
    {
        lock (_text) _text.Append(piece);
    }

    internal void StartTurn()
    {
        lock (_text) _text.Clear();
        Queued = false;
    }

    internal bool Stop() => Cancel(1);

    internal void Interrupt() => Cancel(2);

    private bool Cancel(int reason)
    {
        Interlocked.CompareExchange(ref _reason, reason, 0);
        try { _cancel.Cancel(); } catch (ObjectDisposedException) { return false; }
        return true;
    }

    // A call that never started (another one was running) releases its source without touching the registry.
    internal void Release()
    {
        _cancel.Dispose();
        _ended.TrySetResult();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _owner.End(this);
        Release();
    }
}
