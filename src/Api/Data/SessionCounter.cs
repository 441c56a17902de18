using InteractionLab.Domain;

namespace InteractionLab.Api.Data;

/// <summary>
/// How many numbers of each kind a session has handed out. Sequence numbers and turn indexes are reserved by
/// incrementing these in the database (<see cref="Sessions.SessionCounters"/>), so any number of platform instances can
/// write to one session without two writers taking the same number.
/// </summary>
public sealed class SessionCounter
{
    /// <summary>The session (also the key).</summary>
    public SessionId SessionId { get; set; }
    /// <summary>Client event sequence numbers handed out (the last one given).</summary>
    public long ClientEvents { get; set; }
    /// <summary>Server event sequence numbers handed out (the last one given).</summary>
    public long ServerEvents { get; set; }
    /// <summary>Turn indexes handed out (the next turn's index).</summary>
    public int Turns { get; set; }
}
