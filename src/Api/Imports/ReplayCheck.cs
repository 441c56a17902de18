using System.Globalization;
using InteractionLab.Domain.Writing;

namespace InteractionLab.Api.Imports;

/// <summary>How a replay check came out.</summary>
public enum ReplayOutcome
{
    /// <summary>The replayed document equals the last logged <c>currentDoc</c>.</summary>
    Matches,
    /// <summary>Replay stopped on a delta that does not fit, or diverged from a logged <c>currentDoc</c>.</summary>
    Mismatch,
    /// <summary>Nothing to compare: no event logged a <c>currentDoc</c>, or no event was stored.</summary>
    NotChecked,
}

/// <summary>
/// Replaying an imported trace against what it logged. <paramref name="EventNumber"/> (1-based, the stored event's
/// sequence number) and <paramref name="LineNumber"/> point at the first event where replay and log part ways.
/// </summary>
/// <param name="Outcome">Matches, mismatch or not checked.</param>
/// <param name="EventNumber">The first diverging event (1-based); null unless a mismatch.</param>
/// <param name="LineNumber">Its line in the file; null unless a mismatch.</param>
/// <param name="Message">A sentence for the researcher.</param>
public sealed record ReplayCheck(ReplayOutcome Outcome, int? EventNumber, int? LineNumber, string Message)
{
    /// <summary>Replays <paramref name="events"/> and compares with the last logged <c>currentDoc</c>.</summary>
    public static ReplayCheck Of(IReadOnlyList<TraceEvent> events)
    {
        var lastLogged = -1;
        for (var i = events.Count - 1; i >= 0 && lastLogged < 0; i--)
            if (events[i].CurrentDoc is not null) lastLogged = i;
        if (lastLogged < 0) return new(ReplayOutcome.NotChecked, null, null, "No event logged a currentDoc, so there is nothing to compare the replay with.");

        var replay = TraceReplayer.ReplayThrough(events, lastLogged);
        if (replay.Error is { } error)
            return Mismatch(error.EventIndex, events, $"replay stopped at {error.Message}");
        // Only the last logged document decides; an earlier divergence that the trace later healed is still the
        // most useful place to point at when it did not heal.
        if (replay.Mismatches.Count == 0 || replay.Mismatches[^1].EventIndex != lastLogged)
            return new(ReplayOutcome.Matches, null, null, "The replayed document matches the last logged currentDoc.");
        var first = replay.Mismatches[0];
        return Mismatch(first.EventIndex, events,
            $"the replayed document differs from the logged currentDoc at character {first.FirstDifference.ToString(CultureInfo.InvariantCulture)}");
    }

    private static ReplayCheck Mismatch(int index, IReadOnlyList<TraceEvent> events, string why)
    {
        var line = events[index].LineNumber;
        return new(ReplayOutcome.Mismatch, index + 1, line,
            $"Mismatch at event {(index + 1).ToString(CultureInfo.InvariantCulture)} (line {line.ToString(CultureInfo.InvariantCulture)}): {why}.");
    }
}
