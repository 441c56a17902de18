using System.Collections.Concurrent;
using InteractionLab.Domain;

namespace InteractionLab.Api.Tests.Fuzz;

/// <summary>What the fuzz workers sent and what the platform accepted, for the checks at the end.</summary>
public sealed class FuzzLedger
{
    private int _requests;

    /// <summary>HTTP requests and hub invocations sent.</summary>
    public int Requests => _requests;

    /// <summary>Every answer with status 500 or above, or hub error that hid an unhandled exception, with what caused it.</summary>
    public ConcurrentQueue<string> Failures { get; } = new();

    /// <summary>Sessions the platform said it started (a consent answered 303 with a new study cookie).</summary>
    public ConcurrentDictionary<SessionId, bool> AcceptedSessions { get; } = new();

    /// <summary>Per session, the client event sequences the hub acknowledged as stored.</summary>
    public ConcurrentDictionary<SessionId, ConcurrentDictionary<long, bool>> Acknowledged { get; } = new();

    /// <summary>Counts one request or invocation.</summary>
    public void Sent() => Interlocked.Increment(ref _requests);

    /// <summary>Notes an acknowledgement.</summary>
    public void Acked(SessionId session, IEnumerable<long> sequences)
    {
        var acked = Acknowledged.GetOrAdd(session, _ => new ConcurrentDictionary<long, bool>());
        foreach (var s in sequences) acked[s] = true;
    }

    /// <summary>Records a failure with the seed and step that produced it, so it can be replayed.</summary>
    public void Fail(int seed, int step, string what) => Failures.Enqueue($"seed {seed} step {step}: {what}");
}
