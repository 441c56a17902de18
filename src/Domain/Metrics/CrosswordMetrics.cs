namespace InteractionLab.Domain.Metrics;

/// <summary>
/// HALIE crossword: letter and clue accuracy of the final grid, and queries to the AI teammate. Grids are rows of
/// equal length; <c>#</c> marks a black cell; letters compare case-insensitively; any non-letter in the final grid
/// (space, '.', '?') is an empty, hence wrong, cell. Accuracy is counted per answer as HALIE's
/// <c>grade_puzzle_letter</c> / <c>grade_puzzle_clue</c> do (stanford-crfm/halie, src/utils/crossword_utils.py): the
/// letters of every across and down answer, so a square in two answers counts twice. HALIE's interface had no
/// reveal; here a revealed square is never a correct letter and a clue with one is never correct, so the accuracies
/// measure what the participant found, and reveals are counted separately.
/// </summary>
public static class CrosswordMetrics
{
    /// <summary>The label under which queries without a type are counted.</summary>
    public const string Unlabelled = "unlabelled";

    /// <summary>Scores <paramref name="final"/> against <paramref name="solution"/>. When
    /// <paramref name="clues"/> is null the clue slots are derived from the grid (<see cref="CluesFromGrid"/>).
    /// <paramref name="revealed"/> holds the (row, column) squares the participant had revealed.</summary>
    public static CrosswordSessionMetrics Compute(
        IReadOnlyList<string> solution,
        IReadOnlyList<string> final,
        IReadOnlyList<CrosswordClue>? clues,
        IReadOnlyList<CrosswordQuery> queries,
        IReadOnlySet<(int Row, int Column)>? revealed = null)
    {
        // A shape mismatch is a mapping bug in the caller, not a participant outcome, so it fails loudly.
        if (final.Count != solution.Count || final.Where((row, r) => row.Length != solution[r].Length).Any())
        {
            throw new ArgumentException("The final grid does not have the solution grid's shape.", nameof(final));
        }
        var slots = clues ?? CluesFromGrid(solution);
        if (slots.SelectMany(clue => clue.Cells()).Any(cell => cell.Row < 0 || cell.Row >= solution.Count
            || cell.Column < 0 || cell.Column >= solution[cell.Row].Length || solution[cell.Row][cell.Column] == '#'))
        {
            throw new ArgumentException("A clue covers a cell outside the grid or a black cell.", nameof(clues));
        }
        bool Revealed((int Row, int Column) cell) => revealed?.Contains(cell) == true;
        bool Right((int Row, int Column) cell) => !Revealed(cell) && char.IsLetter(final[cell.Row][cell.Column])
            && char.ToUpperInvariant(final[cell.Row][cell.Column]) == char.ToUpperInvariant(solution[cell.Row][cell.Column]);

        var letters = slots.SelectMany(clue => clue.Cells()).ToList();
        var correctClues = slots.Where(clue => clue.Cells().All(Right)).Select(clue => clue.Id).ToArray();
        var revealedClues = slots.Where(clue => clue.Cells().Any(Revealed)).Select(clue => clue.Id).ToArray();
        var byType = queries.GroupBy(q => q.Type ?? Unlabelled)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new CrosswordSessionMetrics(letters.Count(Right), letters.Count, correctClues, slots.Count, queries.Count, byType,
            letters.Count(Revealed), revealedClues);
    }

    /// <summary>Standard crossword numbering: cells are numbered left-to-right, top-to-bottom when they start
    /// an across or down run of two or more white cells; ids read "1-Across", "1-Down", ….</summary>
    public static IReadOnlyList<CrosswordClue> CluesFromGrid(IReadOnlyList<string> solution)
    {
        bool White(int r, int c) => r >= 0 && r < solution.Count && c >= 0 && c < solution[r].Length && solution[r][c] != '#';
        int Run(int r, int c, int dr, int dc)
        {
            var n = 0;
            while (White(r + n * dr, c + n * dc))
            {
                n++;
            }
            return n;
        }

        var clues = new List<CrosswordClue>();
        var number = 0;
        for (var r = 0; r < solution.Count; r++)
        {
            for (var c = 0; c < solution[r].Length; c++)
            {
                if (!White(r, c))
                {
                    continue;
                }
                var across = !White(r, c - 1) && White(r, c + 1) ? Run(r, c, 0, 1) : 0;
                var down = !White(r - 1, c) && White(r + 1, c) ? Run(r, c, 1, 0) : 0;
                if (across == 0 && down == 0)
                {
                    continue;
                }
                number++;
                if (across > 0)
                {
                    clues.Add(new CrosswordClue($"{number}-Across", r, c, ClueDirection.Across, across));
                }
                if (down > 0)
                {
                    clues.Add(new CrosswordClue($"{number}-Down", r, c, ClueDirection.Down, down));
                }
            }
        }
        return clues;
    }
}
