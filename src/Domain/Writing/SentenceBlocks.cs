using InteractionLab.Domain.Metrics;

namespace InteractionLab.Domain.Writing;

/// <summary>
/// Splits a writing trace into sentence blocks exactly as HALIE's metaphor analysis does
/// (<c>src/run_metaphor.py</c> → <c>get_event_blocks_dict</c> in <c>src/utils/events_utils.py</c>): only events from the
/// first <c>system-initialize</c> on count (<c>MetaphorLog._read_events</c>); every event with a known name and a
/// user/api source may start a block; a submission ends one. A submission is a <c>template-add</c> (HALIE calls it
/// <c>sentence-add</c>) from the user, or — in traces of our own editor — the api <c>text-delete</c> marked
/// <c>reason: "sentence-add"</c> that empties the editor once its text went to the list. Events after the last
/// submission belong to no block. See README.md in this folder.
/// </summary>
public static class SentenceBlocks
{
    /// <summary>The <c>reason</c> our editor writes on the api <c>text-delete</c> that empties it after "Add sentence".</summary>
    public const string EditorSubmissionReason = "sentence-add";

    // MetaphorEvent.available_names (src/events/metaphor_event.py), after template-* → sentence-* renaming.
    private static readonly HashSet<string> HalieNames =
    [
        CoAuthorEventNames.SystemInitialize, CoAuthorEventNames.TextInsert, CoAuthorEventNames.TextDelete,
        CoAuthorEventNames.CursorBackward, CoAuthorEventNames.CursorForward, CoAuthorEventNames.CursorSelect,
        CoAuthorEventNames.SuggestionGet, CoAuthorEventNames.SuggestionOpen, CoAuthorEventNames.SuggestionReopen,
        CoAuthorEventNames.SuggestionUp, CoAuthorEventNames.SuggestionDown, CoAuthorEventNames.SuggestionHover,
        CoAuthorEventNames.SuggestionSelect, CoAuthorEventNames.SuggestionClose, CoAuthorEventNames.SuggestionFail,
        CoAuthorEventNames.SentenceAdd, CoAuthorEventNames.SentenceDelete,
    ];

    /// <summary>HALIE's name for an event: <c>template-add</c> → <c>sentence-add</c>, <c>template-delete</c> → <c>sentence-delete</c>.</summary>
    public static string HalieName(TraceEvent e) => e.EventName switch
    {
        CoAuthorEventNames.TemplateAdd => CoAuthorEventNames.SentenceAdd,
        CoAuthorEventNames.TemplateDelete => CoAuthorEventNames.SentenceDelete,
        var name => name,
    };

    /// <summary>Whether <paramref name="e"/> adds a sentence to the list in a CoAuthor/HALIE log (any source).</summary>
    public static bool IsSentenceAdd(TraceEvent e) => HalieName(e) == CoAuthorEventNames.SentenceAdd;

    /// <summary>Whether <paramref name="e"/> removes a sentence from the list in a CoAuthor/HALIE log.</summary>
    public static bool IsSentenceDelete(TraceEvent e) => HalieName(e) == CoAuthorEventNames.SentenceDelete;

    /// <summary>Whether <paramref name="e"/> is our editor's "Add sentence" (the api delete that empties it).</summary>
    public static bool IsEditorSubmission(TraceEvent e) =>
        e.EventName == CoAuthorEventNames.TextDelete
        && e.UnknownFields.TryGetValue("reason", out var reason) && reason == $"\"{EditorSubmissionReason}\"";

    /// <summary>The first event HALIE reads: the first <c>system-initialize</c>; without one, Python's loop variable is
    /// left on the last line, so only the last event is read. -1 for an empty trace.</summary>
    public static int FirstCountedEvent(IReadOnlyList<TraceEvent> events)
    {
        for (var i = 0; i < events.Count; i++)
            if (events[i].EventName == CoAuthorEventNames.SystemInitialize) return i;
        return events.Count - 1;
    }

    /// <summary>Finds the blocks of <paramref name="events"/> (see the class remarks).</summary>
    public static SentenceBlocking Find(IReadOnlyList<TraceEvent> events)
    {
        var from = FirstCountedEvent(events);
        if (from < 0) return new SentenceBlocking([], 0);
        var editorSentences = EditorSentences(events, from);
        var starts = new Queue<int>();
        var ends = new Queue<int>();
        var added = 0;
        for (var i = from; i < events.Count; i++)
        {
            var e = events[i];
            if (HalieNames.Contains(HalieName(e)) && e.Source is EventSource.User or EventSource.Api) starts.Enqueue(i);
            if ((IsSentenceAdd(e) && e.Source == EventSource.User) || editorSentences.ContainsKey(i)) ends.Enqueue(i);
            // MetaphorLog._get_final_sentences: every template-add whose stripped text is not empty, whatever its source.
            if ((IsSentenceAdd(e) && PythonText.Strip(e.DeltaText ?? "").Length > 0) || editorSentences.GetValueOrDefault(i) is { Length: > 0 }) added++;
        }

        // get_event_blocks_dict: a block runs from the first start event to the first end event after it; the start
        // events inside it are used up, and end events before the next start are skipped.
        var blocks = new List<SentenceBlock>();
        while (starts.Count > 0 && ends.Count > 0)
        {
            var start = starts.Peek();
            var end = ends.Peek() + 1;
            if (start < end)
            {
                var last = ends.Dequeue();
                blocks.Add(new SentenceBlock(blocks.Count, start, last, editorSentences.TryGetValue(last, out var typed) ? typed : events[last].DeltaText ?? ""));
                while (starts.Count > 0 && starts.Peek() < end) starts.Dequeue();
            }
            else
            {
                while (ends.Count > 0 && start >= ends.Peek() + 1) ends.Dequeue();
            }
        }
        return new SentenceBlocking(blocks, added);
    }

    // Our editor's submissions: the editor's text just before it was emptied, trimmed as the list stores it ("" when
    // replay stopped before it; the submission still ends its block).
    private static Dictionary<int, string> EditorSentences(IReadOnlyList<TraceEvent> events, int from)
    {
        var found = new Dictionary<int, string>();
        for (var i = from; i < events.Count; i++)
            if (IsEditorSubmission(events[i])) found[i] = "";
        if (found.Count == 0) return found;
        var before = "";
        var index = 0;
        foreach (var document in TraceReplayer.DocumentsAfterEachEvent(events))
        {
            if (found.ContainsKey(index)) found[index] = before.Trim();
            before = document;
            index++;
        }
        return found;
    }
}
