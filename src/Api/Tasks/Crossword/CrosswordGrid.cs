namespace InteractionLab.Api.Tasks.Crossword;

/// <summary>
/// A participant's grid: the letters typed, the squares revealed, the squares a check marked wrong, the clue they
/// are on and whether they solved the puzzle or gave up. The component changes it through the same methods that
/// <see cref="Replay"/> applies to the stored events, so the grid after a reload — and the final grid the metrics
/// score — is exactly the grid the participant saw. Squares ever revealed stay known after a reset (a participant
/// who revealed a word, emptied the grid and typed it again did not find it), so the metrics can leave them out.
/// </summary>
public sealed class CrosswordGrid
{
    private readonly char?[,] _letters;
    private readonly bool[,] _revealed;
    private readonly bool[,] _wrong;
    private readonly HashSet<(int Row, int Column)> _revealedEver = [];

    /// <summary>An empty grid for <paramref name="puzzle"/>.</summary>
    public CrosswordGrid(CrosswordPuzzle puzzle)
    {
        Puzzle = puzzle;
        _letters = new char?[puzzle.Rows, puzzle.Columns];
        _revealed = new bool[puzzle.Rows, puzzle.Columns];
        _wrong = new bool[puzzle.Rows, puzzle.Columns];
    }

    /// <summary>The puzzle.</summary>
    public CrosswordPuzzle Puzzle { get; }

    /// <summary>The clue last selected, or null.</summary>
    public string? SelectedClue { get; set; }

    /// <summary>Whether every square was right at some point (recorded), with or without reveals.</summary>
    public bool Solved { get; private set; }

    /// <summary>Whether the participant solved the puzzle themselves: solved, and no square was ever revealed.</summary>
    public bool SolvedByParticipant => Solved && _revealedEver.Count == 0;

    /// <summary>Every square revealed since the start, even if a reset emptied it later.</summary>
    public IReadOnlySet<(int Row, int Column)> RevealedSquares => _revealedEver;

    /// <summary>Whether the participant gave up (recorded).</summary>
    public bool GaveUp { get; private set; }

    /// <summary>The letter in a square, or null when empty.</summary>
    public char? LetterAt(int row, int column) => _letters[row, column];

    /// <summary>Whether a square was revealed (it can no longer be changed).</summary>
    public bool IsRevealed(int row, int column) => _revealed[row, column];

    /// <summary>Whether the last check marked the square wrong (cleared when it changes).</summary>
    public bool IsWrong(int row, int column) => _wrong[row, column];

    /// <summary>Squares revealed.</summary>
    public int RevealedCount => WhiteCells().Count(c => _revealed[c.Row, c.Column]);

    /// <summary>Whether every white square holds a letter.</summary>
    public bool IsFull => WhiteCells().All(c => _letters[c.Row, c.Column] is not null);

    /// <summary>Whether every white square holds its solution letter.</summary>
    public bool IsCorrect => WhiteCells().All(c => _letters[c.Row, c.Column] == Puzzle.Solution(c.Row, c.Column));

    /// <summary>
    /// Puts <paramref name="letter"/> (null clears) into a white square that was not revealed; false when nothing
    /// changed, so no event need be recorded.
    /// </summary>
    public bool Set(int row, int column, char? letter)
    {
        if (!Puzzle.IsWhite(row, column) || _revealed[row, column]) return false;
        var upper = letter is { } l ? char.ToUpperInvariant(l) : (char?)null;
        if (_letters[row, column] == upper) return false;
        _letters[row, column] = upper;
        _wrong[row, column] = false;
        return true;
    }

    /// <summary>The squares a check or reveal of <paramref name="scope"/> covers (none for an unknown scope or clue).</summary>
    public IReadOnlyList<(int Row, int Column)> CellsOf(string scope, string? clue, int? row, int? column) => scope switch
    {
        CrosswordEvents.PuzzleScope => WhiteCells().ToList(),
        CrosswordEvents.WordScope => Puzzle.Clue(clue)?.Cells().ToList() ?? [],
        CrosswordEvents.CellScope when row is { } r && column is { } c && Puzzle.IsWhite(r, c) => [(r, c)],
        _ => [],
    };

    /// <summary>Marks the filled squares among <paramref name="cells"/> that are wrong, and returns them.</summary>
    public IReadOnlyList<CrosswordCellRef> Check(IEnumerable<(int Row, int Column)> cells)
    {
        var wrong = cells.Where(c => _letters[c.Row, c.Column] is { } l && l != Puzzle.Solution(c.Row, c.Column))
            .Select(c => new CrosswordCellRef(c.Row, c.Column)).ToList();
        foreach (var cell in wrong) _wrong[cell.Row, cell.Col] = true;
        return wrong;
    }

    /// <summary>Fills <paramref name="cells"/> with their solution letters and locks them.</summary>
    public void Reveal(IEnumerable<(int Row, int Column)> cells)
    {
        foreach (var (r, c) in cells)
        {
            _letters[r, c] = Puzzle.Solution(r, c);
            _revealed[r, c] = true;
            _revealedEver.Add((r, c));
            _wrong[r, c] = false;
        }
    }

    /// <summary>Empties the grid (letters, reveals and check marks; <see cref="RevealedSquares"/> is kept).</summary>
    public void Reset()
    {
        Array.Clear(_letters);
        Array.Clear(_revealed);
        Array.Clear(_wrong);
    }

    /// <summary>Remembers that the participant solved the puzzle (once recorded).</summary>
    public void MarkSolved() => Solved = true;

    /// <summary>Remembers that the participant gave up (once recorded).</summary>
    public void MarkGaveUp() => GaveUp = true;

    /// <summary>The letters of a clue's squares, '_' for empty ones ("C_T"), as the AI teammate is told.</summary>
    public string Pattern(CrosswordPuzzleClue clue) =>
        new(clue.Cells().Select(c => _letters[c.Row, c.Column] ?? '_').ToArray());

    /// <summary>The grid as the Domain metrics read it: letters, ' ' for an empty square, '#' for a black one.</summary>
    public IReadOnlyList<string> FinalRows() => Enumerable.Range(0, Puzzle.Rows)
        .Select(r => new string(Enumerable.Range(0, Puzzle.Columns)
            .Select(c => Puzzle.IsWhite(r, c) ? _letters[r, c] ?? ' ' : '#').ToArray()))
        .ToList();

    /// <summary>Applies one stored event (events of other types are ignored).</summary>
    public void Apply(TaskEventRecord e)
    {
        switch (e.Type)
        {
            case CrosswordEvents.Cell when e.As<CrosswordCellPayload>() is { } cell:
                Set(cell.Row, cell.Col, string.IsNullOrEmpty(cell.Letter) ? null : cell.Letter[0]);
                break;
            case CrosswordEvents.Select when e.As<CrosswordSelectPayload>() is { } select:
                SelectedClue = select.Clue;
                break;
            case CrosswordEvents.Check when e.As<CrosswordScopePayload>() is { } check:
                // The squares shown as wrong are the ones recorded; the grid they were judged on is the same.
                foreach (var cell in check.WrongCells ?? [])
                    if (Puzzle.IsWhite(cell.Row, cell.Col)) _wrong[cell.Row, cell.Col] = true;
                break;
            case CrosswordEvents.Reveal when e.As<CrosswordScopePayload>() is { } reveal:
                Reveal(CellsOf(reveal.Scope, reveal.Clue, reveal.Row, reveal.Col));
                break;
            case CrosswordEvents.Reset:
                Reset();
                break;
            case CrosswordEvents.Solved:
                MarkSolved();
                break;
            case CrosswordEvents.GiveUp:
                MarkGaveUp();
                break;
        }
    }

    /// <summary>The grid after <paramref name="events"/>, in order.</summary>
    public static CrosswordGrid Replay(CrosswordPuzzle puzzle, IEnumerable<TaskEventRecord> events)
    {
        var grid = new CrosswordGrid(puzzle);
        foreach (var e in events) grid.Apply(e);
        return grid;
    }

    private IEnumerable<(int Row, int Column)> WhiteCells()
    {
        for (var r = 0; r < Puzzle.Rows; r++)
            for (var c = 0; c < Puzzle.Columns; c++)
                if (Puzzle.IsWhite(r, c)) yield return (r, c);
    }
}
