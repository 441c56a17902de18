using InteractionLab.Domain.Writing;

namespace InteractionLab.Domain.Metrics;

/// <summary>
/// HALIE's per-sentence measures of the metaphor task, computed the way its analysis code computes them
/// (<c>stanford-crfm/halie</c>: <c>src/blocks/base_block.py</c>, <c>src/blocks/metaphor_block.py</c>,
/// <c>src/utils/text_utils.py</c>), for imported CoAuthor/HALIE logs and for our own editor's traces alike. Blocks come
/// from <see cref="SentenceBlocks"/>; Python's rounding, strip and split from <see cref="PythonFloat"/> and
/// <see cref="PythonText"/>, so the numbers equal the published <c>event_blocks.csv</c>. README.md lists each source.
/// </summary>
public static class WritingSentenceMetrics
{
    /// <summary>One row per sentence block of <paramref name="events"/>.</summary>
    public static IReadOnlyList<SentenceMetrics> FromTrace(IReadOnlyList<TraceEvent> events)
    {
        var blocking = SentenceBlocks.Find(events);
        return blocking.Blocks.Select(b => Measure(events, b, blocking.SentencesAdded)).ToArray();
    }

    private static SentenceMetrics Measure(IReadOnlyList<TraceEvent> events, SentenceBlock block, int sentencesAdded)
    {
        int queries = 0, opens = 0, selects = 0;
        var completion = "";
        for (var i = block.FirstEventIndex; i <= block.LastEventIndex; i++)
        {
            var e = events[i];
            switch (e.EventName)
            {
                case CoAuthorEventNames.SuggestionGet or CoAuthorEventNames.ButtonGenerate:
                    queries++;
                    break;
                case CoAuthorEventNames.SuggestionOpen:
                    opens++;
                    break;
                case CoAuthorEventNames.SuggestionSelect:
                    selects++;
                    break;
                // _get_model_completion: the last api text-insert wins, and of its ops the first insert.
                case CoAuthorEventNames.TextInsert when e.Source == EventSource.Api
                    && e.Delta?.Ops.FirstOrDefault(o => o.Kind == DeltaOpKind.Insert) is { } insert:
                    completion = PythonText.Strip(insert.Text!);
                    break;
            }
        }
        var sentence = block.Sentence;
        return new SentenceMetrics(
            block.OrderId,
            sentencesAdded > 0 ? PythonFloat.Round((double)block.OrderId / sentencesAdded, 2) : null,
            ElapsedMinutes(events[block.FirstEventIndex], events[block.LastEventIndex]),
            queries,
            block.LastEventIndex - block.FirstEventIndex + 1,
            opens > 0 ? (int)PythonFloat.RoundToInteger((double)selects / opens * 100) : null,
            completion,
            sentence,
            EditDistance.Levenshtein<string>(PythonText.Split(completion), PythonText.Split(sentence)),
            EditDistance.Levenshtein<int>(PythonText.CodePoints(completion), PythonText.CodePoints(sentence)),
            block.FirstEventIndex,
            block.LastEventIndex);
    }

    // EventBlock._get_elapsed_time: milliseconds between the block's first and last event, / 1000 / 60, round(…, 2).
    private static double? ElapsedMinutes(TraceEvent first, TraceEvent last) =>
        first.TimestampMs is { } start && last.TimestampMs is { } end
            ? PythonFloat.Round((double)(end - start) / 1000 / 60, 2)
            : null;
}
