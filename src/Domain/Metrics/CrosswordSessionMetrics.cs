namespace InteractionLab.Domain.Metrics;

/// <summary>Crossword metrics of one session's final grid.</summary>
/// <param name="CorrectLetters">White cells holding the solution letter.</param>
/// <param name="TotalLetters">White cells in the grid.</param>
/// <param name="CorrectClueIds">Clues whose every cell is right.</param>
/// <param name="TotalClues">Clues scored.</param>
/// <param name="QueryCount">Queries to the AI teammate.</param>
/// <param name="QueriesByType">Query counts per label; unlabelled queries count under "unlabelled".</param>
public sealed record CrosswordSessionMetrics(
    int CorrectLetters,
    int TotalLetters,
    IReadOnlyList<string> CorrectClueIds,
    int TotalClues,
    int QueryCount,
    IReadOnlyDictionary<string, int> QueriesByType)
{
    /// <summary>Correct letters ÷ white cells (0 for a grid with none).</summary>
    public double LetterAccuracy => TotalLetters == 0 ? 0 : (double)CorrectLetters / TotalLetters;

    /// <summary>Correct clues ÷ clues (0 when there are none).</summary>
    public double ClueAccuracy => TotalClues == 0 ? 0 : (double)CorrectClueIds.Count / TotalClues;
}
