namespace InteractionLab.Domain.Metrics;

/// <summary>How much one summary was edited and for how long.</summary>
/// <param name="DocumentId">The item.</param>
/// <param name="CharacterDistance">Levenshtein distance original → edited, in characters.</param>
/// <param name="WordDistance">The same in words.</param>
/// <param name="NormalizedCharacterDistance">Character distance ÷ longer length (0..1).</param>
/// <param name="EditingSeconds">Finished − started; null when the clock ran backwards (client clocks do).</param>
public sealed record SummaryEditMetrics(
    string DocumentId, int CharacterDistance, int WordDistance, double NormalizedCharacterDistance, double? EditingSeconds);
