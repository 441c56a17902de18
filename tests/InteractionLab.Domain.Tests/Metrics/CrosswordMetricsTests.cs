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
        // One wrong letter (bottom-right W→X) breaks 3-Across and 2-Down; lower case still counts. As in HALIE, letters
        // are counted per answer: CAT + CAR + TOW + ROW = 12 letters, and the X is the last letter of both ROW and TOW,
        // so 2 of the 12 are wrong: 10/12 (not 7/8 squares).
        string[] final = ["cat", "a#o", "rox"];

        var metrics = CrosswordMetrics.Compute(Solution, final, clues: null, queries: []);

        Assert.Equal(10, metrics.CorrectLetters);
        Assert.Equal(12, metrics.TotalLetters);
        Assert.Equal(10.0 / 12, metrics.LetterAccuracy);
        Assert.Equal(new[] { "1-Across", "1-Down" }, metrics.CorrectClueIds);
        Assert.Equal(0.5, metrics.ClueAccuracy);
    }

    [Fact]
    public void CountsEmptyCellsAsWrong()
    {
        // Empty: (0,2), last of CAT and first of TOW, and (1,2), middle of TOW: 1 + 2 = 3 of 12 letters wrong.
        string[] final = ["CA ", "A#.", "ROW"];

        var metrics = CrosswordMetrics.Compute(Solution, final, null, []);

        Assert.Equal(9, metrics.CorrectLetters);
        Assert.Equal(new[] { "1-Down", "3-Across" }, metrics.CorrectClueIds);
    }

    [Fact]
    public void RevealedSquaresNeverCountAsCorrectAndAreReportedSeparately()
    {
        // The grid is all right, but C at (0,0) was revealed: it is the first letter of CAT and of CAR, so 2 of the
        // 12 answer letters are revealed and 10 were found (10/12); CAT and CAR hold a revealed square, so only TOW
        // and ROW count as answered (2/4), and 2 of the 4 clues are reported as revealed.
        var metrics = CrosswordMetrics.Compute(Solution, Solution, null, [], new HashSet<(int, int)> { (0, 0) });

        Assert.Equal(10, metrics.CorrectLetters);
        Assert.Equal(10.0 / 12, metrics.LetterAccuracy);
        Assert.Equal(new[] { "2-Down", "3-Across" }, metrics.CorrectClueIds);
        Assert.Equal(0.5, metrics.ClueAccuracy);
        Assert.Equal(2, metrics.RevealedLetters);
        Assert.Equal(2.0 / 12, metrics.RevealedLetterShare);
        Assert.Equal(new[] { "1-Across", "1-Down" }, metrics.RevealedClueIds);
        Assert.Equal(0.5, metrics.RevealedClueShare);
    }

    [Fact]
    public void APuzzleRevealedWholeScoresNothingAndIsAllRevealed()
    {
        // "Reveal puzzle" fills every square with its solution letter: 0 of 12 letters and 0 of 4 clues were found,
        // 12 of 12 letters and 4 of 4 clues revealed.
        var all = new HashSet<(int, int)>();
        for (var r = 0; r < 3; r++)
            for (var c = 0; c < 3; c++)
                if (Solution[r][c] != '#') all.Add((r, c));

        var metrics = CrosswordMetrics.Compute(Solution, Solution, null, [], all);

        Assert.Equal(0, metrics.LetterAccuracy);
        Assert.Equal(0, metrics.ClueAccuracy);
        Assert.Equal(1, metrics.RevealedLetterShare);
        Assert.Equal(1, metrics.RevealedClueShare);
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
