using InteractionLab.Domain.Writing;

namespace InteractionLab.Domain.Metrics;

/// <summary>HALIE metaphor writing and CoAuthor-style writing: queries, acceptance rate, and how far each
/// accepted suggestion was edited in the final text, all computed from the CoAuthor-format trace.</summary>
public static class WritingMetrics
{
    private static readonly char[] SentenceEnds = ['.', '!', '?', '\n'];

    /// <summary>Computes the session's metrics. An accepted suggestion is any event whose delta the replay
    /// attributes to the model (see <see cref="TraceReplayer.AuthorOf"/>); its final sentence is found by
    /// following its characters (by inserting event) into the final document, then widening that span to the
    /// sentence boundaries around it (. ! ? or a line break).</summary>
    public static WritingSessionMetrics FromTrace(IReadOnlyList<TraceEvent> events)
    {
        var replay = TraceReplayer.Replay(events);
        var uses = new List<SuggestionUse>();
        for (var i = 0; i < replay.EventsApplied; i++)
        {
            var e = events[i];
            if (e.Delta is not { } delta || TraceReplayer.AuthorOf(e) != Author.Model || delta.InsertedText.Length == 0)
            {
                continue;
            }
            var selected = delta.InsertedText.Trim();
            var sentence = FinalSentence(replay, i);
            uses.Add(new SuggestionUse(i, selected, sentence,
                EditDistance.Characters(selected, sentence), EditDistance.NormalizedCharacters(selected, sentence)));
        }
        int Count(string name) => events.Count(e => e.EventName == name);
        return new WritingSessionMetrics(
            Count(CoAuthorEventNames.SuggestionGet), Count(CoAuthorEventNames.SuggestionOpen),
            Count(CoAuthorEventNames.SuggestionSelect), uses, replay.Text, replay.Error);
    }

    private static string FinalSentence(ReplayResult replay, int eventIndex)
    {
        int first = -1, last = -1;
        for (var p = 0; p < replay.Origins.Count; p++)
        {
            if (replay.Origins[p].EventIndex == eventIndex && replay.Origins[p].Author == Author.Model)
            {
                first = first < 0 ? p : first;
                last = p;
            }
        }
        if (first < 0)
        {
            return "";
        }
        var text = replay.Text;
        var start = first == 0 ? 0 : text.LastIndexOfAny(SentenceEnds, first - 1) + 1;
        var end = text.IndexOfAny(SentenceEnds, last);
        // A line break ends a sentence but is not part of it; a full stop is.
        var stop = end < 0 ? text.Length : text[end] == '\n' ? end : end + 1;
        return text[start..stop].Trim();
    }
}
