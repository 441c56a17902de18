using System.Globalization;

namespace InteractionLab.Faults;

/// <summary>What a fault run found: the counts the probe reported, and every broken promise with examples.</summary>
public sealed class FaultReport
{
    /// <summary>The fault and the database, e.g. "kill -9 / Postgres".</summary>
    public required string Run { get; init; }
    /// <summary>Participants at once.</summary>
    public int Participants { get; init; }
    /// <summary>Processes of the platform started (1 + restarts).</summary>
    public int PlatformStarts { get; init; }
    /// <summary>The run's wall time.</summary>
    public TimeSpan Wall { get; init; }
    /// <summary>Events the server acknowledged.</summary>
    public int Acknowledged { get; init; }
    /// <summary>Acknowledged events not stored.</summary>
    public int Lost { get; init; }
    /// <summary>Events stored more than once.</summary>
    public int Duplicated { get; init; }
    /// <summary>Events stored in another participant's session.</summary>
    public int Misplaced { get; init; }
    /// <summary>Events still queued in a page at the end.</summary>
    public int Unacknowledged { get; init; }
    /// <summary>Events sent again whose first ack was lost, which the server found already stored.</summary>
    public int AlreadyStoredWhenResent { get; init; }
    /// <summary>Messages sent asking for a reply.</summary>
    public int Messages { get; init; }
    /// <summary>Messages refused because a reply was running (nothing may be stored).</summary>
    public int Refused { get; init; }
    /// <summary>Replies stored complete (finish reason stop or length).</summary>
    public int RepliesComplete { get; init; }
    /// <summary>Replies stored marked interrupted.</summary>
    public int RepliesInterrupted { get; init; }
    /// <summary>Messages whose reply the participant saw begin (so the server had stored them) that are not stored.</summary>
    public int RepliesMissing { get; init; }
    /// <summary>
    /// Messages the participant saw fail or cut off before any reply began that are not stored: the server may never
    /// have had them (the participant was told and sends again), so they are counted, not held against the platform.
    /// </summary>
    public int FailedBeforeStored { get; init; }
    /// <summary>Broken promises, each with its count and examples; empty when everything held.</summary>
    public List<string> Problems { get; } = [];

    /// <summary>One line for the summary.</summary>
    public override string ToString() =>
        $"{Run}: {Participants} participants, {PlatformStarts} platform start(s), {Wall.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s | events: {Acknowledged} acknowledged, " +
        $"{Lost} lost, {Duplicated} duplicated, {Misplaced} misplaced, {Unacknowledged} unacknowledged, {AlreadyStoredWhenResent} already stored when re-sent | " +
        $"replies: {Messages} requested, {Refused} refused (busy), {FailedBeforeStored} failed before stored (participant told), " +
        $"stored {RepliesComplete} complete + {RepliesInterrupted} interrupted, {RepliesMissing} missing | " +
        (Problems.Count == 0 ? "OK" : $"{Problems.Count} problem(s)");

    /// <summary>The line and every problem.</summary>
    public string Describe() => string.Join(Environment.NewLine, Problems.Prepend(ToString()));
}
