namespace InteractionLab.Domain.Writing;

/// <summary>Rebuilds a document from a CoAuthor-format trace by applying its deltas in order.
/// Rules (also in README.md): <c>system-initialize</c> sets the prompt (from <c>currentDoc</c>, else from its
/// delta); any other event with a delta applies it, its inserts attributed to the model when the event is a
/// <c>suggestion-select</c> or comes from the <c>api</c>, otherwise to the user.</summary>
public static class TraceReplayer
{
    /// <summary>Replays every event.</summary>
    public static ReplayResult Replay(IReadOnlyList<TraceEvent> events) => ReplayThrough(events, events.Count - 1);

    /// <summary>Replays events 0..<paramref name="lastEventIndex"/> (inclusive; -1 gives the empty document).</summary>
    public static ReplayResult ReplayThrough(IReadOnlyList<TraceEvent> events, int lastEventIndex)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lastEventIndex, -1);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(lastEventIndex, events.Count);

        var document = new AuthoredText();
        var mismatches = new List<DocumentMismatch>();
        for (var i = 0; i <= lastEventIndex; i++)
        {
            var e = events[i];
            if (Apply(document, e, i) is { } reason)
            {
                return Result(document, i, new ReplayError(i, e.EventNum, e.LineNumber, reason), mismatches);
            }
            if (e.CurrentDoc is { } logged && document.FirstDifferenceFrom(logged) is { } at)
            {
                mismatches.Add(new DocumentMismatch(i, e.EventNum, at));
            }
        }
        return Result(document, lastEventIndex + 1, null, mismatches);
    }

    /// <summary>The document text right after event <paramref name="eventIndex"/>.</summary>
    public static string DocumentAt(IReadOnlyList<TraceEvent> events, int eventIndex) =>
        ReplayThrough(events, eventIndex).Text;

    /// <summary>The document after each event, in one pass (use this rather than <see cref="DocumentAt"/> in a
    /// loop, which would replay the prefix again for every index). Stops before an event whose delta does not
    /// fit; <see cref="Replay"/> says why.</summary>
    public static IEnumerable<string> DocumentsAfterEachEvent(IReadOnlyList<TraceEvent> events)
    {
        var document = new AuthoredText();
        for (var i = 0; i < events.Count; i++)
        {
            if (Apply(document, events[i], i) is not null)
            {
                yield break;
            }
            yield return document.ToString();
        }
    }

    /// <summary>Who the inserts of <paramref name="e"/> are attributed to.</summary>
    public static Author AuthorOf(TraceEvent e) =>
        e.EventName == CoAuthorEventNames.SystemInitialize ? Author.Prompt
        : e.EventName == CoAuthorEventNames.SuggestionSelect || e.Source == EventSource.Api ? Author.Model
        : Author.User;

    private static string? Apply(AuthoredText document, TraceEvent e, int index)
    {
        var origin = new CharOrigin(AuthorOf(e), index);
        if (e.EventName == CoAuthorEventNames.SystemInitialize)
        {
            // The logged prompt is the ground truth; a delta is only a fallback for traces that omit currentDoc.
            document.Reset(e.CurrentDoc ?? "", origin);
            return e.CurrentDoc is null && e.Delta is { } initial ? document.TryApply(initial, origin) : null;
        }
        return e.Delta is { } delta ? document.TryApply(delta, origin) : null;
    }

    private static ReplayResult Result(AuthoredText document, int applied, ReplayError? error, List<DocumentMismatch> mismatches) =>
        new(document.ToString(), document.Origins.ToArray(), applied, error, mismatches);
}
