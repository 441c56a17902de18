using System.Threading.Channels;
using InteractionLab.Domain;

namespace InteractionLab.Api.Annotation.Intake;

/// <summary>
/// Sessions whose intake could not run at once (a save inside a transaction, a failed attempt), for the sweep to
/// take up next. In memory only: what a restart loses, the sweep's backfill of every project finds again.
/// </summary>
public sealed class IntakeBacklog
{
    private readonly Channel<(SessionId Session, bool Withdrawn)> channel = Channel.CreateUnbounded<(SessionId, bool)>();

    /// <summary>Queues sessions.</summary>
    public void Add(IEnumerable<SessionId> completed, IEnumerable<SessionId> withdrawn)
    {
        foreach (var s in completed) channel.Writer.TryWrite((s, false));
        foreach (var s in withdrawn) channel.Writer.TryWrite((s, true));
    }

    /// <summary>Waits until something is queued.</summary>
    public ValueTask<bool> WaitAsync(CancellationToken ct) => channel.Reader.WaitToReadAsync(ct);

    /// <summary>Everything queued so far.</summary>
    public (IReadOnlyList<SessionId> Completed, IReadOnlyList<SessionId> Withdrawn) Drain()
    {
        var completed = new List<SessionId>();
        var withdrawn = new List<SessionId>();
        while (channel.Reader.TryRead(out var entry)) (entry.Withdrawn ? withdrawn : completed).Add(entry.Session);
        return (completed, withdrawn);
    }
}
