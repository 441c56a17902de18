namespace InteractionLab.Domain.Metrics;

/// <summary>Question-answering metrics of one session. Rates are null when they have no denominator.</summary>
/// <param name="Questions">Per shown question, in the order first shown.</param>
/// <param name="AccuracyWithLm">Correct ÷ answered, over assisted questions (attention check excluded).</param>
/// <param name="AccuracyWithoutLm">Correct ÷ answered, over unassisted questions (attention check excluded).</param>
/// <param name="MeanSecondsPerQuestion">Mean time per timed question (attention check excluded).</param>
/// <param name="MeanQueriesPerAssistedQuestion">Mean queries over assisted questions shown.</param>
/// <param name="AttentionCheckPassed">Null when the session had no answered attention check.</param>
public sealed record QaSessionMetrics(
    IReadOnlyList<QuestionOutcome> Questions,
    double? AccuracyWithLm,
    double? AccuracyWithoutLm,
    double? MeanSecondsPerQuestion,
    double? MeanQueriesPerAssistedQuestion,
    bool? AttentionCheckPassed);
