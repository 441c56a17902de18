using System.Text;
using System.Text.Json;
using InteractionLab.Api.Stimuli;
using InteractionLab.Domain.Metrics;

namespace InteractionLab.Api.Tasks.Crossword;

/// <summary>
/// Crossword puzzles uploaded as JSON: one puzzle object per file, or an array of them. Clue numbers are derived
/// from the grid with standard numbering, so the file only says which clue text goes with which number.
/// </summary>
public sealed class CrosswordPuzzleFormat : StimulusFormat
{
    /// <summary>The kind of set.</summary>
    public const string SetKind = "crossword";

    /// <summary>Largest grid side accepted.</summary>
    public const int MaxSide = 25;

    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <inheritdoc />
    public override string Kind => SetKind;

    /// <inheritdoc />
    public override IReadOnlyList<string> Extensions { get; } = [".json"];

    /// <inheritdoc />
    public override IReadOnlyList<DemoStimulusSet> DemoSets { get; } =
        [DemoStimulusSet.FromResource(typeof(CrosswordPuzzleFormat), "demo-crossword-mini", "Orchard mini (5×5 crossword)", "Tasks/Crossword/Demo/mini.json")];

    /// <inheritdoc />
    public override string Documentation => """
        A `.json` file holding one puzzle, or an array of puzzles (each participant gets one, in the stage's item order):

        ```json
        {
          "title": "Orchard mini",
          "grid": ["PLANT", "E#S#H", "APPLE", "R#E#M", "SINCE"],
          "clues": {
            "across": { "1": "Something grown in a pot, or a factory", "4": "…", "5": "…" },
            "down":   { "1": "…", "2": "…", "3": "…" }
          }
        }
        ```

        - `grid`: the solution, one string per row, all rows the same length (at most 25×25); letters are the
          answers (upper or lower case), `#` is a black square.
        - Squares are numbered as in printed crosswords: left to right, top to bottom, every square that starts an
          across or down answer of two or more letters gets the next number.
        - `clues.across` and `clues.down` map each number to its clue. Every numbered answer needs a clue, and every
          clue must match an answer of the grid. Every white square must belong to an answer.
        """;

    /// <inheritdoc />
    public override StimulusParseResult Parse(string fileName, string content)
    {
        var bytes = Encoding.UTF8.GetBytes(content.TrimStart('\uFEFF'));
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            return StimulusParseResult.Failed([new StimulusProblem((int?)e.LineNumber + 1, JsonSyntaxProblem.ForFile(e))]);
        }
        using (document)
        {
            var lines = new JsonLineMap(bytes, ReaderOptions);
            var problems = new List<StimulusProblem>();
            var puzzles = new List<CrosswordPuzzle>();
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var element in root.EnumerateArray())
                {
                    if (Read(element, $"$[{i}]", $"Puzzle {i + 1}: ", lines, problems) is { } puzzle) puzzles.Add(puzzle);
                    i++;
                }
                if (i == 0) problems.Add(new StimulusProblem(1, "The array holds no puzzles."));
            }
            else if (Read(root, "$", "", lines, problems) is { } puzzle) puzzles.Add(puzzle);
            return problems.Count > 0 ? StimulusParseResult.Failed(problems) : StimulusParseResult.Ok(puzzles);
        }
    }

    private static CrosswordPuzzle? Read(JsonElement element, string path, string prefix, JsonLineMap lines, List<StimulusProblem> problems)
    {
        var before = problems.Count;
        void Problem(string at, string message) => problems.Add(new StimulusProblem(lines.LineOf(at), prefix + message));
        if (element.ValueKind != JsonValueKind.Object)
        {
            Problem(path, "a puzzle is an object with \"title\", \"grid\" and \"clues\".");
            return null;
        }

        var title = element.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()!.Trim() : "";
        if (title.Length == 0) Problem(path + ".title", "give the puzzle a \"title\" (text).");

        var grid = ReadGrid(element, path, Problem);
        var clueTexts = ReadClues(element, path, Problem);
        if (grid is null || clueTexts is null) return null;

        var slots = CrosswordMetrics.CluesFromGrid(grid);
        if (slots.Count == 0) Problem(path + ".grid", "the grid has no answer of two or more letters.");
        for (var r = 0; r < grid.Count; r++)
            for (var c = 0; c < grid[r].Length; c++)
                if (grid[r][c] != '#' && !slots.Any(s => s.Cells().Contains((r, c))))
                    Problem($"{path}.grid[{r}]", $"the white square in row {r + 1}, column {c + 1} belongs to no answer; make it black or join it to a neighbour.");

        var clues = new List<CrosswordPuzzleClue>();
        foreach (var slot in slots)
        {
            var number = int.Parse(slot.Id[..slot.Id.IndexOf('-')], System.Globalization.CultureInfo.InvariantCulture);
            var direction = slot.Direction == ClueDirection.Across ? "across" : "down";
            if (clueTexts.TryGetValue((direction, number), out var text))
                clues.Add(new CrosswordPuzzleClue(slot.Id, number, slot.Direction, slot.Row, slot.Column, slot.Length, text));
            else
                Problem($"{path}.clues.{direction}", $"{number} {direction} (row {slot.Row + 1}, column {slot.Column + 1}, {slot.Length} letters) has no clue.");
        }
        foreach (var ((direction, number), _) in clueTexts)
        {
            if (clues.Any(c => c.Number == number && (c.Direction == ClueDirection.Across) == (direction == "across"))) continue;
            var numbers = slots.Where(s => (s.Direction == ClueDirection.Across) == (direction == "across"))
                .Select(s => s.Id[..s.Id.IndexOf('-')]);
            Problem($"{path}.clues.{direction}.{number}",
                $"there is no {number} {direction} in the grid, so its clue has no answer ({direction} answers are numbered {string.Join(", ", numbers)}).");
        }
        return problems.Count > before ? null : new CrosswordPuzzle(title, grid, clues);
    }

    private static List<string>? ReadGrid(JsonElement element, string path, Action<string, string> problem)
    {
        if (!element.TryGetProperty("grid", out var g) || g.ValueKind != JsonValueKind.Array || g.GetArrayLength() == 0)
        {
            problem(path + ".grid", "give the solution as \"grid\": an array of rows such as \"CAT#\" ('#' is a black square).");
            return null;
        }
        var rows = new List<string>();
        var good = true;
        var i = 0;
        foreach (var row in g.EnumerateArray())
        {
            var at = $"{path}.grid[{i}]";
            var text = row.ValueKind == JsonValueKind.String ? row.GetString()!.Trim() : null;
            if (text is null || text.Length == 0)
            {
                problem(at, $"row {i + 1} of the grid must be a non-empty string.");
                good = false;
            }
            else
            {
                if (text.FirstOrDefault(ch => ch != '#' && !char.IsLetter(ch)) is var bad && bad != default)
                {
                    problem(at, $"row {i + 1} holds '{bad}'; a grid has only letters and '#' for black squares.");
                    good = false;
                }
                if (rows.Count > 0 && text.Length != rows[0].Length)
                {
                    problem(at, $"row {i + 1} has {text.Length} squares but row 1 has {rows[0].Length}; the grid must be rectangular.");
                    good = false;
                }
                rows.Add(text.ToUpperInvariant());
            }
            i++;
        }
        if (rows.Count > MaxSide || rows.Any(r => r.Length > MaxSide))
        {
            problem(path + ".grid", $"grids are limited to {MaxSide}×{MaxSide} squares.");
            good = false;
        }
        return good ? rows : null;
    }

    private static Dictionary<(string Direction, int Number), string>? ReadClues(JsonElement element, string path, Action<string, string> problem)
    {
        if (!element.TryGetProperty("clues", out var clues) || clues.ValueKind != JsonValueKind.Object)
        {
            problem(path + ".clues", "give the clues as \"clues\": { \"across\": { \"1\": \"…\" }, \"down\": { … } }.");
            return null;
        }
        var texts = new Dictionary<(string, int), string>();
        var good = true;
        foreach (var group in clues.EnumerateObject())
        {
            var direction = group.Name.ToLowerInvariant();
            var at = $"{path}.clues.{group.Name}";
            if (direction is not ("across" or "down") || group.Value.ValueKind != JsonValueKind.Object)
            {
                problem(at, $"\"{group.Name}\" is not a clue list; \"clues\" holds \"across\" and \"down\" objects that map numbers to clues.");
                good = false;
                continue;
            }
            foreach (var clue in group.Value.EnumerateObject())
            {
                var text = clue.Value.ValueKind == JsonValueKind.String ? clue.Value.GetString()!.Trim() : "";
                if (!int.TryParse(clue.Name, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) || number < 1)
                {
                    problem($"{at}.{clue.Name}", $"\"{clue.Name}\" is not a clue number; {direction} clues are keyed by their number, e.g. \"1\".");
                    good = false;
                }
                else if (text.Length == 0)
                {
                    problem($"{at}.{clue.Name}", $"the clue of {number} {direction} is empty.");
                    good = false;
                }
                else texts[(direction, number)] = text;
            }
        }
        return good ? texts : null;
    }
}
