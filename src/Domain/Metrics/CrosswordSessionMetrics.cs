namespace InteractionLab.Domain.Metrics;

/// <summary>Crossword metrics of one session's final grid.</summary>
/// <param name="CorrectLetters">Answer letters the participant got right themselves (revealed ones never count).</param>
/// <param name="TotalLetters">Answer letters: the sum of the clues' lengths (a square in two answers counts twice, as in HALIE).</param>
/// <param name="CorrectClueIds">Clues whose every square is right and none was revealed.</param>
/// <param name="TotalClues">Clues scored.</param>
/// <param name="QueryCount">Queries to the AI teammate.</param>
/// <param name="QueriesByType">Query counts per label; unlabelled queries count under "unlabelled".</param>
/// <param name="RevealedLetters">Answer letters whose square was revealed (same counting as <paramref name="TotalLetters"/>).</param>
/// <param name="RevealedClueIds">Clues with at least one revealed square.</param>
public sealed record CrosswordSessionMetrics(
    int CorrectLetters,
    int TotalLetters,
    IReadOnlyList<string> CorrectClueIds,
    int TotalClues,
    int QueryCount,
    IReadOnlyDictionary<string, int> QueriesByType,
    int RevealedLetters = 0,
    IReadOnlyList<string>? RevealedClueIds = null)
{
    /// <summary>Correct letters ÷ answer letters (0 for a grid with none).</summary>
    public double LetterAccuracy => TotalLetters == 0 ? 0 : (double)CorrectLetters / TotalLetters;

    /// <summary>Correct clues ÷ clues (0 when there are none).</summary>
    public double ClueAccuracy => TotalClues == 0 ? 0 : (double)CorrectClueIds.Count / TotalClues;

    /// <summary>Revealed letters ÷ answer letters (0 for a grid with none).</summary>
    public double RevealedLetterShare => TotalLetters == 0 ? 0 : (double)RevealedLetters / TotalLetters;

    /// <summary>Clues with a revealed square ÷ clues (0 when there are none).</summary>
    public double RevealedClueShare => TotalClues == 0 ? 0 : (double)(RevealedClueIds?.Count ?? 0) / TotalClues;
}
