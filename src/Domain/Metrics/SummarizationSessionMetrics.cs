namespace InteractionLab.Domain.Metrics;

/// <summary>Summarization metrics of one session: per item, and the session means (null with no items).</summary>
public sealed record SummarizationSessionMetrics(
    IReadOnlyList<SummaryEditMetrics> Items,
    double? MeanCharacterDistance,
    double? MeanNormalizedCharacterDistance,
    double? MeanEditingSeconds);
