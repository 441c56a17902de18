namespace InteractionLab.Domain.Metrics;

/// <summary>HALIE summarization: edit distance from the LM's summary to the participant's edit, and editing time.</summary>
public static class SummarizationMetrics
{
    /// <summary>Measures one item.</summary>
    public static SummaryEditMetrics Measure(SummaryEdit item)
    {
        var elapsed = item.EditFinishedMs - item.EditStartedMs;
        return new SummaryEditMetrics(
            item.DocumentId,
            EditDistance.Characters(item.Original, item.Edited),
            EditDistance.Words(item.Original, item.Edited),
            EditDistance.NormalizedCharacters(item.Original, item.Edited),
            elapsed < 0 ? null : elapsed / 1000.0);
    }

    /// <summary>Measures every item of a session and averages them.</summary>
    public static SummarizationSessionMetrics Compute(IReadOnlyList<SummaryEdit> items)
    {
        var measured = items.Select(Measure).ToArray();
        var timed = measured.Where(m => m.EditingSeconds is not null).Select(m => m.EditingSeconds!.Value).ToArray();
        return new SummarizationSessionMetrics(
            measured,
            measured.Length == 0 ? null : measured.Average(m => m.CharacterDistance),
            measured.Length == 0 ? null : measured.Average(m => m.NormalizedCharacterDistance),
            timed.Length == 0 ? null : timed.Average());
    }
}
