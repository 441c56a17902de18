namespace InteractionLab.Domain.Metrics;

/// <summary>A clue's answer slot: starting cell (0-based row and column), direction and length.</summary>
public sealed record CrosswordClue(string Id, int Row, int Column, ClueDirection Direction, int Length)
{
    /// <summary>The (row, column) cells the answer occupies.</summary>
    public IEnumerable<(int Row, int Column)> Cells() =>
        Enumerable.Range(0, Length).Select(i => Direction == ClueDirection.Across ? (Row, Column + i) : (Row + i, Column));
}
