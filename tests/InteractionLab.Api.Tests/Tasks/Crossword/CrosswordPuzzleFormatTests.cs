using InteractionLab.Api.Stimuli;
using InteractionLab.Api.Tasks;
using InteractionLab.Api.Tasks.Crossword;
using InteractionLab.Domain.Metrics;

namespace InteractionLab.Api.Tests.Tasks.Crossword;

/// <summary>The crossword puzzle file format: good files, and each problem a researcher can make, with its line.</summary>
public sealed class CrosswordPuzzleFormatTests
{
    private readonly CrosswordPuzzleFormat format = new();

    // C A T      1 = CAT across and CAB down, 2 = TOW down, 3 = BOW across.
    // A # O
    // B O W
    private const string Good = """
        {
          "title": "Tiny",
          "grid": ["CAT", "A#O", "bow"],
          "clues": {
            "across": { "1": "Pet that purrs", "3": "Ribbon knot" },
            "down": { "1": "Taxi", "2": "Pull behind a truck" }
          }
        }
        """;

    private StimulusParseResult Parse(string content) => format.Parse("puzzle.json", content);

    private static IReadOnlyList<CrosswordPuzzle> Puzzles(StimulusParseResult result) =>
        new StimulusSetContent("k", "n", CrosswordPuzzleFormat.SetKind, result.Items!.Value, result.Count, false).ItemsAs<CrosswordPuzzle>();

    private static void AssertProblem(StimulusParseResult result, int? line, string fragment)
    {
        Assert.Null(result.Items);
        Assert.True(result.Problems.Any(p => p.Line == line && p.Message.Contains(fragment, StringComparison.Ordinal)),
            $"Expected a problem on line {line} containing '{fragment}'; got: "
            + string.Join(" | ", result.Problems.Select(p => $"{p.Line}: {p.Message}")));
    }

    [Fact]
    public void AGoodFileBecomesOnePuzzleNumberedFromItsGridInUpperCase()
    {
        var result = Parse(Good);

        Assert.Empty(result.Problems);
        var puzzle = Assert.Single(Puzzles(result));
        Assert.Equal("Tiny", puzzle.Title);
        Assert.Equal(["CAT", "A#O", "BOW"], puzzle.Grid);
        Assert.Equal(["1-Across", "1-Down", "2-Down", "3-Across"], puzzle.Clues.Select(c => c.Id));
        var down2 = puzzle.Clue("2-Down")!;
        Assert.Equal((0, 2, 3, ClueDirection.Down, "Pull behind a truck"), (down2.Row, down2.Column, down2.Length, down2.Direction, down2.Text));
        Assert.Equal("3 across", puzzle.Clue("3-Across")!.Label);
    }

    [Fact]
    public void AnArrayHoldsOnePuzzlePerItem()
    {
        var result = Parse($"[{Good}, {Good.Replace("Tiny", "Second")}]");

        Assert.Empty(result.Problems);
        Assert.Equal(["Tiny", "Second"], Puzzles(result).Select(p => p.Title));
    }

    [Fact]
    public void TheDemoMiniIsAFiveByFivePuzzleWithSixClues()
    {
        var demo = Assert.Single(format.DemoSets);
        Assert.Equal("demo-crossword-mini", demo.Key);

        var puzzle = Assert.Single(Puzzles(format.Parse(demo.FileName, demo.Content)));

        Assert.Equal((5, 5), (puzzle.Rows, puzzle.Columns));
        Assert.Equal(["1-Across", "1-Down", "2-Down", "3-Down", "4-Across", "5-Across"], puzzle.Clues.Select(c => c.Id));
        Assert.All(puzzle.Clues, c => Assert.False(string.IsNullOrWhiteSpace(c.Text)));
    }

    [Fact]
    public void InvalidJsonIsReportedOnItsLine() =>
        AssertProblem(Parse("{\n  \"title\": \"x\",\n  \"grid\": [\"AB\"\n}"), 4, "not valid JSON");

    [Fact]
    public void AMissingTitleIsReported() => AssertProblem(Parse(Good.Replace("\"title\": \"Tiny\",", "")), 1, "\"title\"");

    [Fact]
    public void ARaggedGridIsReportedOnTheRowsLine()
    {
        var result = Parse(Good.Replace("\"grid\": [\"CAT\", \"A#O\", \"bow\"]", "\"grid\": [\n\"CAT\",\n\"A#\",\n\"BOW\"]"));
        AssertProblem(result, 5, "row 2 has 2 squares but row 1 has 3");
    }

    [Fact]
    public void AGridWithSomethingOtherThanLettersAndBlackSquaresIsRefused() =>
        AssertProblem(Parse(Good.Replace("A#O", "A.O")), 3, "holds '.'");

    [Fact]
    public void ANumberedAnswerWithoutAClueIsReported() =>
        AssertProblem(Parse(Good.Replace(", \"2\": \"Pull behind a truck\"", "")), 6, "2 down (row 1, column 3, 3 letters) has no clue");

    [Fact]
    public void AClueThatMatchesNoAnswerIsReportedOnItsLine()
    {
        var result = Parse(Good.Replace("\"3\": \"Ribbon knot\"", "\"3\": \"Ribbon knot\", \"2\": \"Orphan\""));
        AssertProblem(result, 5, "there is no 2 across in the grid");
        AssertProblem(result, 5, "across answers are numbered 1, 3");
    }

    [Fact]
    public void AWhiteSquareOutsideEveryAnswerIsReported() =>
        AssertProblem(Parse("""{ "title": "t", "grid": ["AB#", "##C"], "clues": { "across": { "1": "x" }, "down": {} } }"""),
            1, "row 2, column 3 belongs to no answer");

    [Fact]
    public void AnEmptyClueAndAnUnknownClueListAreReported()
    {
        var result = Parse(Good.Replace("\"Taxi\"", "\"  \"").Replace("\"down\":", "\"sideways\": {}, \"down\":"));
        AssertProblem(result, 6, "the clue of 1 down is empty");
        AssertProblem(result, 6, "\"sideways\" is not a clue list");
    }

    [Fact]
    public void MissingGridAndCluesAreBothReportedAtOnce()
    {
        var result = Parse("""[{ "title": "t" }]""");
        AssertProblem(result, 1, "Puzzle 1: give the solution as \"grid\"");
        AssertProblem(result, 1, "Puzzle 1: give the clues as \"clues\"");
    }

    [Fact]
    public void TheTaskTypeIsInTheCatalogWithItsDemoSet()
    {
        var type = TaskCatalog.Discovered().Get("crossword");

        Assert.Equal(CrosswordPuzzleFormat.SetKind, type.Stimuli!.Kind);
        Assert.Equal((0.7f, 60), (type.Decoding.Temperature, type.Decoding.MaxTokens));
        Assert.Equal(["fluency", "helpfulness", "ease", "enjoyment"], type.DefaultSurvey!.Items.Select(i => i.Key));
        Assert.Equal(["allow-check", "allow-reveal", "teammate-prompt"], type.Settings.Select(s => s.Key));
    }
}
