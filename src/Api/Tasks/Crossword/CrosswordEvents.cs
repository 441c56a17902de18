namespace InteractionLab.Api.Tasks.Crossword;

/// <summary>The crossword's event types and payloads (what the component records and the grid is rebuilt from).</summary>
public static class CrosswordEvents
{
    /// <summary>The prefix every crossword event starts with.</summary>
    public const string Prefix = "crossword.";

    /// <summary>Event types.</summary>
    public const string Start = "crossword.start", Cell = "crossword.cell", Select = "crossword.select", Check = "crossword.check",
        Reveal = "crossword.reveal", Reset = "crossword.reset", Ask = "crossword.ask", Solved = "crossword.solved", GiveUp = "crossword.give-up";

    /// <summary>Scopes of check and reveal.</summary>
    public const string CellScope = "cell", WordScope = "word", PuzzleScope = "puzzle";
}

/// <summary>Payload of <c>crossword.start</c>: which puzzle of the set the participant got.</summary>
/// <param name="Puzzle">0-based index of the puzzle in the stimulus set.</param>
/// <param name="Title">Its title.</param>
public sealed record CrosswordStartPayload(int Puzzle, string Title);

/// <summary>Payload of <c>crossword.cell</c>: a square typed into ("" when cleared).</summary>
/// <param name="Row">0-based row.</param>
/// <param name="Col">0-based column.</param>
/// <param name="Letter">The upper-case letter, or "" when the square was cleared.</param>
public sealed record CrosswordCellPayload(int Row, int Col, string Letter);

/// <summary>Payload of <c>crossword.select</c>: the clue the participant is on.</summary>
/// <param name="Clue">Its id ("1-Across").</param>
public sealed record CrosswordSelectPayload(string Clue);

/// <summary>A square, as check results list them.</summary>
/// <param name="Row">0-based row.</param>
/// <param name="Col">0-based column.</param>
public sealed record CrosswordCellRef(int Row, int Col);

/// <summary>Payload of <c>crossword.check</c> and <c>crossword.reveal</c>.</summary>
/// <param name="Scope"><c>cell</c>, <c>word</c> or <c>puzzle</c>.</param>
/// <param name="Clue">The word's clue id (scope word).</param>
/// <param name="Row">The square's row (scope cell).</param>
/// <param name="Col">The square's column (scope cell).</param>
/// <param name="WrongCells">Filled squares found wrong (check only).</param>
public sealed record CrosswordScopePayload(string Scope, string? Clue = null, int? Row = null, int? Col = null, IReadOnlyList<CrosswordCellRef>? WrongCells = null);

/// <summary>Payload of <c>crossword.ask</c>: a question to the AI teammate (its text is stored as a turn).</summary>
/// <param name="Clue">The clue selected when asking.</param>
/// <param name="Length">Characters in the question.</param>
public sealed record CrosswordAskPayload(string? Clue, int Length);

/// <summary>Payload of <c>crossword.solved</c>: every square is right (solved by the participant only when none was revealed).</summary>
/// <param name="RevealedCells">Squares revealed since the start (a reset does not undo a reveal).</param>
public sealed record CrosswordSolvedPayload(int RevealedCells);
