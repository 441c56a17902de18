using InteractionLab.Domain.Writing;

namespace InteractionLab.Domain.Metrics;

/// <summary>Writing-task metrics (metaphor writing, CoAuthor-style stories) of one session.</summary>
/// <param name="Queries">suggestion-get events.</param>
/// <param name="Opens">suggestion-open events (reopens of the same list are not counted again).</param>
/// <param name="Selects">suggestion-select events.</param>
/// <param name="Suggestions">Each accepted suggestion and its final sentence.</param>
/// <param name="FinalText">The replayed final document.</param>
/// <param name="ReplayError">Set when replay stopped early; the other figures then describe the part replayed.</param>
public sealed record WritingSessionMetrics(
    int Queries,
    int Opens,
    int Selects,
    IReadOnlyList<SuggestionUse> Suggestions,
    string FinalText,
    ReplayError? ReplayError)
{
    /// <summary>Selects ÷ opens; null when nothing was opened.</summary>
    public double? AcceptanceRate => Opens == 0 ? null : (double)Selects / Opens;

    /// <summary>Mean suggestion → final-sentence distance; null when nothing was accepted.</summary>
    public double? MeanEditDistance => Suggestions.Count == 0 ? null : Suggestions.Average(s => s.EditDistance);
}
