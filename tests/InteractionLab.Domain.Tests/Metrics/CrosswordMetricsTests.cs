using InteractionLab.Domain.Metrics;

namespace InteractionLab.Domain.Tests.Metrics;

public class CrosswordMetricsTests
{
    // C A T
    // A # O
    // R O W        Across: 1 CAT, 3 ROW; Down: 1 CAR, 2 TOW.
    private static readonly string[] Solution = ["CAT", "A#O", "ROW"];

    [Fact]
    public void DerivesNumberedCluesFromTheGrid()
    {
        var clues = CrosswordMetrics.CluesFromGrid(Solution);

        Assert.Equal(new[] { "1-Across", "1-Down", "2-Down", "3-Across" }, clues.Select(c => c.Id));
        Assert.Equal(new CrosswordClue("2-Down", 0, 2, ClueDirection.Down, 3), clues[2]);
    }

    [Fact]
    public void ScoresLettersAndCluesOfTheFinalGrid()
    {
        // One wrong letter (bottom-right W→X) breaks 3-Across and 2-Down; lower case still counts.
        string[] final = ["cat", "a#o", "rox"];

        var metrics = CrosswordMetrics.Compute(Solution, final, clues: null, queries: []);

        Assert.Equal(7, metrics.CorrectLetters);
        Assert.Equal(8, metrics.TotalLetters);
        Assert.Equal(7.0 / 8, metrics.LetterAccuracy);
        Assert.Equal(new[] { "1-Across", "1-Down" }, metrics.CorrectClueIds);
        Assert.Equal(0.5, metrics.ClueAccuracy);
    }

    [Fact]
    public void CountsEmptyCellsAsWrong()
    {
        string[] final = ["CA ", "A#.", "ROW"];

        var metrics = CrosswordMetrics.Compute(Solution, final, null, []);

        Assert.Equal(6, metrics.CorrectLetters);
        Assert.Equal(new[] { "1-Down", "3-Across" }, metrics.CorrectClueIds);
    }

    [Fact]
    public void CountsQueriesToTheTeammateByType()
    {
        CrosswordQuery[] queries = [new(1, "what is a feline pet?", "clue"), new(2, "c_t?", "fill-in"), new(3, "hi"), new(4, "a boat pull?", "clue")];

        var metrics = CrosswordMetrics.Compute(Solution, Solution, null, queries);

        Assert.Equal(4, metrics.QueryCount);
        Assert.Equal(2, metrics.QueriesByType["clue"]);
        Assert.Equal(1, metrics.QueriesByType["fill-in"]);
        Assert.Equal(1, metrics.QueriesByType[CrosswordMetrics.Unlabelled]);
        Assert.Equal(1.0, metrics.ClueAccuracy);
    }

    [Fact]
    public void UsesTheCluesGivenInsteadOfDerivingThem()
    {
        CrosswordClue[] clues = [new("cat", 0, 0, ClueDirection.Across, 3)];

        var metrics = CrosswordMetrics.Compute(Solution, ["CAT", "A#O", "XXX"], clues, []);

        Assert.Equal(1.0, metrics.ClueAccuracy);
        Assert.Equal(1, metrics.TotalClues);
    }

    [Fact]
    public void RejectsAFinalGridOfAnotherShape()
    {
        Assert.Throws<ArgumentException>(() => CrosswordMetrics.Compute(Solution, ["CAT", "A#O"], null, []));
        Assert.Throws<ArgumentException>(() =>
            CrosswordMetrics.Compute(Solution, Solution, [new CrosswordClue("x", 0, 1, ClueDirection.Down, 3)], []));
    }
}
