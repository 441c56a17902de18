using System.Text.Json;
using InteractionLab.Api.Tasks;
using InteractionLab.Api.Tasks.Crossword;
using InteractionLab.Domain.Metrics;
using InteractionLab.Domain.Studies;

namespace InteractionLab.Api.Tests.Tasks.Crossword;

/// <summary>The grid rebuilt from recorded events: what a reload shows and what the metrics score.</summary>
public sealed class CrosswordGridTests
{
    // C A T
    // A # O
    // B O W
    internal static readonly CrosswordPuzzle Tiny = new("Tiny", ["CAT", "A#O", "BOW"],
    [
        new("1-Across", 1, ClueDirection.Across, 0, 0, 3, "Pet that purrs"),
        new("1-Down", 1, ClueDirection.Down, 0, 0, 3, "Taxi"),
        new("2-Down", 2, ClueDirection.Down, 0, 2, 3, "Pull behind a truck"),
        new("3-Across", 3, ClueDirection.Across, 2, 0, 3, "Ribbon knot"),
    ]);

    private readonly List<TaskEventRecord> events = [];

    private void Record(string type, object payload) =>
        events.Add(new TaskEventRecord(events.Count + 1, type, DateTimeOffset.UnixEpoch, JsonSerializer.SerializeToElement(payload, TaskEventLog.Json)));

    private void Type(int row, int col, string letter) => Record(CrosswordEvents.Cell, new CrosswordCellPayload(row, col, letter));

    private CrosswordGrid Replay() => CrosswordGrid.Replay(Tiny, events);

    [Fact]
    public void CellEventsFillAndClearSquaresInOrder()
    {
        Type(0, 0, "C"); Type(0, 1, "a"); Type(0, 2, "X"); Type(0, 2, ""); Type(2, 0, "B");
        Record(CrosswordEvents.Select, new CrosswordSelectPayload("3-Across"));

        var grid = Replay();

        Assert.Equal(["CA ", " # ", "B  "], grid.FinalRows());
        Assert.Equal('A', grid.LetterAt(0, 1));
        Assert.Null(grid.LetterAt(0, 2));
        Assert.Equal("3-Across", grid.SelectedClue);
        Assert.False(grid.IsFull);
    }

    [Fact]
    public void ACheckMarksTheRecordedWrongSquaresUntilTheyChange()
    {
        Type(0, 0, "K"); Type(0, 1, "O"); Type(0, 2, "T");
        Record(CrosswordEvents.Check, new CrosswordScopePayload(CrosswordEvents.WordScope, "1-Across", WrongCells: [new(0, 0), new(0, 1)]));
        Type(0, 0, "C");

        var grid = Replay();

        Assert.False(grid.IsWrong(0, 0)); // corrected after the check
        Assert.True(grid.IsWrong(0, 1));
        Assert.False(grid.IsWrong(0, 2));
    }

    [Fact]
    public void CheckingJudgesOnlyFilledSquaresOfItsScope()
    {
        var grid = new CrosswordGrid(Tiny);
        grid.Set(0, 0, 'K'); grid.Set(0, 2, 'T'); grid.Set(2, 2, 'Z');

        var wrong = grid.Check(grid.CellsOf(CrosswordEvents.WordScope, "1-Across", null, null));

        Assert.Equal([new CrosswordCellRef(0, 0)], wrong);
        Assert.False(grid.IsWrong(2, 2)); // outside the word
        Assert.Equal([new CrosswordCellRef(0, 0), new CrosswordCellRef(2, 2)], grid.Check(grid.CellsOf(CrosswordEvents.PuzzleScope, null, null, null)));
    }

    [Fact]
    public void ARevealedWordIsFilledAndLockedAndAResetEmptiesEverything()
    {
        Type(2, 0, "X");
        Record(CrosswordEvents.Reveal, new CrosswordScopePayload(CrosswordEvents.WordScope, "3-Across"));
        Type(2, 1, "Q"); // refused: revealed squares cannot change
        Record(CrosswordEvents.Reveal, new CrosswordScopePayload(CrosswordEvents.CellScope, Row: 0, Col: 1));

        var revealed = Replay();
        Assert.Equal(["?A?", "?#?", "BOW"], revealed.FinalRows().Select(r => r.Replace(' ', '?')));
        Assert.True(revealed.IsRevealed(2, 1));
        Assert.Equal(4, revealed.RevealedCount);

        Record(CrosswordEvents.Reset, new { });
        Type(0, 0, "C");
        var reset = Replay();
        Assert.Equal(["C  ", " # ", "   "], reset.FinalRows());
        Assert.Equal(0, reset.RevealedCount);
    }

    [Fact]
    public void SolvedAndGiveUpAreRememberedAndAFullCorrectGridIsCorrect()
    {
        foreach (var (r, c) in new[] { (0, 0), (0, 1), (0, 2), (1, 0), (1, 2), (2, 0), (2, 1), (2, 2) })
            Type(r, c, Tiny.Grid[r][c].ToString());
        Record(CrosswordEvents.Solved, new CrosswordSolvedPayload(0));

        var grid = Replay();

        Assert.True(grid.IsFull);
        Assert.True(grid.IsCorrect);
        Assert.True(grid.Solved);
        Assert.True(grid.SolvedByParticipant);
        Assert.False(grid.GaveUp);
        Record(CrosswordEvents.GiveUp, new { });
        Assert.True(Replay().GaveUp);
    }

    [Fact]
    public void AGridCompletedByRevealingIsNotSolvedByTheParticipantEvenAfterAResetAndRetyping()
    {
        Record(CrosswordEvents.Reveal, new CrosswordScopePayload(CrosswordEvents.WordScope, "1-Across"));
        Record(CrosswordEvents.Reset, new { });
        foreach (var (r, c) in new[] { (0, 0), (0, 1), (0, 2), (1, 0), (1, 2), (2, 0), (2, 1), (2, 2) })
            Type(r, c, Tiny.Grid[r][c].ToString());
        Record(CrosswordEvents.Solved, new CrosswordSolvedPayload(0));

        var grid = Replay();

        Assert.True(grid.IsCorrect);
        Assert.True(grid.Solved);
        Assert.Equal(0, grid.RevealedCount); // the reset unlocked the squares…
        Assert.Equal([(0, 0), (0, 1), (0, 2)], grid.RevealedSquares.Order()); // …but they were revealed once
        Assert.False(grid.SolvedByParticipant);
    }

    [Fact]
    public void EventsOutsideTheGridAreIgnored()
    {
        Type(1, 1, "A"); Type(9, 9, "A");
        Record(CrosswordEvents.Reveal, new CrosswordScopePayload(CrosswordEvents.WordScope, "9-Down"));

        Assert.Equal(["   ", " # ", "   "], Replay().FinalRows());
    }

    [Fact]
    public void TheStageMayOnlyEndSolvedOrGivenUp()
    {
        var task = new CrosswordTask();
        var stage = new StageConfig("puzzle", StageKind.Task, "Crossword", Task: new TaskConfig("crossword"));
        Type(0, 0, "C");

        Assert.Equal("Solve the puzzle, or choose Give up, before going on.", task.CompletionProblem(new TaskStageRecord(stage, events, 3)));
        Record(CrosswordEvents.GiveUp, new { });
        Assert.Null(task.CompletionProblem(new TaskStageRecord(stage, events, 0)));
    }
}
