using InteractionLab.Domain.Metrics;

namespace InteractionLab.Api.Tasks.Crossword;

/// <summary>One puzzle as the crossword task reads it (the normalised item of a <c>crossword</c> stimulus set).</summary>
/// <param name="Title">Shown above the grid.</param>
/// <param name="Grid">The solution, one string per row, upper-case letters and <c>#</c> for black squares.</param>
/// <param name="Clues">Every answer slot of the grid with its clue, in standard numbering order.</param>
public sealed record CrosswordPuzzle(string Title, IReadOnlyList<string> Grid, IReadOnlyList<CrosswordPuzzleClue> Clues)
{
    /// <summary>Rows of the grid.</summary>
    public int Rows => Grid.Count;

    /// <summary>Columns of the grid.</summary>
    public int Columns => Grid.Count == 0 ? 0 : Grid[0].Length;

    /// <summary>Whether (row, column) is a white square inside the grid.</summary>
    public bool IsWhite(int row, int column) =>
        row >= 0 && row < Rows && column >= 0 && column < Columns && Grid[row][column] != '#';

    /// <summary>The solution letter of a white square.</summary>
    public char Solution(int row, int column) => Grid[row][column];

    /// <summary>The clue with this id ("1-Across"), or null.</summary>
    public CrosswordPuzzleClue? Clue(string? id) => Clues.FirstOrDefault(c => c.Id == id);

    /// <summary>The clue of <paramref name="direction"/> through a square, or null when none runs that way.</summary>
    public CrosswordPuzzleClue? ClueAt(int row, int column, ClueDirection direction) =>
        Clues.FirstOrDefault(c => c.Direction == direction && c.Contains(row, column));

    /// <summary>The number printed in a square that starts an answer, or null.</summary>
    public int? NumberAt(int row, int column) => Clues.FirstOrDefault(c => c.Row == row && c.Column == column)?.Number;

    /// <summary>The answer slots, as the Domain metrics take them.</summary>
    public IReadOnlyList<CrosswordClue> Slots => Clues.Select(c => new CrosswordClue(c.Id, c.Row, c.Column, c.Direction, c.Length)).ToList();
}

/// <summary>One answer slot and its clue.</summary>
/// <param name="Id">"1-Across", "3-Down" (the Domain metrics' ids).</param>
/// <param name="Number">The number printed in its first square.</param>
/// <param name="Direction">Across or down.</param>
/// <param name="Row">0-based row of its first square.</param>
/// <param name="Column">0-based column of its first square.</param>
/// <param name="Length">Squares in the answer.</param>
/// <param name="Text">The clue.</param>
public sealed record CrosswordPuzzleClue(string Id, int Number, ClueDirection Direction, int Row, int Column, int Length, string Text)
{
    /// <summary>"3 across" (how the clue is read aloud and shown).</summary>
    public string Label => $"{Number} {(Direction == ClueDirection.Across ? "across" : "down")}";

    /// <summary>The squares of the answer, in order.</summary>
    public IEnumerable<(int Row, int Column)> Cells() =>
        Enumerable.Range(0, Length).Select(i => Direction == ClueDirection.Across ? (Row, Column + i) : (Row + i, Column));

    /// <summary>Whether the answer covers (row, column).</summary>
    public bool Contains(int row, int column) => Direction == ClueDirection.Across
        ? row == Row && column >= Column && column < Column + Length
        : column == Column && row >= Row && row < Row + Length;

    /// <summary>0-based position of (row, column) in the answer.</summary>
    public int PositionOf(int row, int column) => Direction == ClueDirection.Across ? column - Column : row - Row;
}
