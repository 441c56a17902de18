using System.Globalization;
using InteractionLab.Domain.Metrics;

namespace InteractionLab.Domain.Writing;

/// <summary>
/// Checks a trace against itself: replays every event and compares EVERY logged document (each non-empty
/// <c>currentDoc</c>, not only the last — CoAuthor logs one only at <c>system-initialize</c>) and EVERY submitted
/// sentence: a <c>template-add</c>'s sentence must be in the replayed document at that moment (it was written in the
/// editor), and a <c>template-delete</c> must remove a sentence that is on the list. The first event where replay and
/// log disagree is named, so a log whose edits were corrupted is caught at the first sentence they spoil.
/// </summary>
public static class TraceCheck
{
    /// <summary>Runs the check.</summary>
    public static TraceCheckResult Run(IReadOnlyList<TraceEvent> events)
    {
        var replay = TraceReplayer.Replay(events);
        var documents = events.Take(replay.EventsApplied).Count(e => e.CurrentDoc is not null);
        (int Index, string Reason)? first = replay.Mismatches.Count > 0
            ? (replay.Mismatches[0].EventIndex, $"the replayed document differs from the logged currentDoc at character {replay.Mismatches[0].FirstDifference.ToString(CultureInfo.InvariantCulture)}")
            : null;

        var sentences = 0;
        var list = new List<string>();
        var index = 0;
        foreach (var document in TraceReplayer.DocumentsAfterEachEvent(events))
        {
            if (first is { } found && found.Index <= index) break;
            var e = events[index];
            var text = PythonText.Strip(e.DeltaText ?? "");
            if (SentenceBlocks.IsSentenceAdd(e) && text.Length > 0)
            {
                sentences++;
                list.Add(text);
                if (!document.Contains(text, StringComparison.Ordinal))
                    first = (index, $"the sentence added here (\"{Excerpt(text)}\") is not in the replayed document");
            }
            else if (SentenceBlocks.IsSentenceDelete(e) && text.Length > 0)
            {
                sentences++;
                if (!list.Remove(text))
                    first = (index, $"the sentence removed here (\"{Excerpt(text)}\") was never added to the list");
            }
            index++;
        }

        if (replay.Error is { } error && (first is null || error.EventIndex < first.Value.Index))
            return new(TraceCheckOutcome.Error, error.EventIndex, $"replay stopped: {error.Reason}", documents, sentences);
        if (first is { } disagreement)
            return new(TraceCheckOutcome.Mismatch, disagreement.Index, disagreement.Reason, documents, sentences);
        return documents + sentences == 0
            ? new(TraceCheckOutcome.NotChecked, null, "no event logged a document or a sentence to compare the replay with", 0, 0)
            : new(TraceCheckOutcome.Match, null, "", documents, sentences);
    }

    private static string Excerpt(string text) => text.Length <= 60 ? text : text[..57] + "…";
}
