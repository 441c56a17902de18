using System.Text.Json;
using InteractionLab.Api.Stimuli;

namespace InteractionLab.Api.Tasks.QuestionAnswering;

/// <summary>
/// Multiple-choice questions (<c>qa-items</c>) as CSV or JSON lines. Every problem of a file is reported with its
/// line, so a researcher fixes the file in one go; the demo set <c>demo-qa-general</c> ships with the project.
/// </summary>
public sealed class QaStimulusFormat : StimulusFormat
{
    /// <summary>The stimulus kind.</summary>
    public const string KindKey = "qa-items";

    /// <summary>Key of the demo set.</summary>
    public const string DemoKey = "demo-qa-general";

    private static readonly string[] CsvColumns = ["id", "question", "a", "b", "c", "d", "answer"];
    private const string AttentionColumn = "attention_check";

    /// <inheritdoc />
    public override string Kind => KindKey;

    /// <inheritdoc />
    public override string Documentation => """
        One multiple-choice question per item. Upload either format:

        **CSV** (`.csv`), with a header row `id,question,a,b,c,d,answer` and optionally a last column `attention_check`:

        ```
        id,question,a,b,c,d,answer,attention_check
        q1,Which planet is closest to the Sun?,Venus,Mercury,Mars,Earth,b,
        check,Please choose "Blue" for this question.,Red,Green,Blue,Yellow,c,true
        ```

        **JSON lines** (`.jsonl`), one object per line with 2 to 26 options:

        ```
        {"id":"q1","question":"Which planet is closest to the Sun?","options":["Venus","Mercury","Mars","Earth"],"answer":"b"}
        {"id":"check","question":"Please choose \"Blue\".","options":["Red","Blue"],"answer":"Blue","attentionCheck":true}
        ```

        - `id` is unique within the file; it names the question in the data.
        - `answer` is the letter of the right option (`a` is the first) or the option's exact text.
        - `attention_check` / `attentionCheck` is `true` for an attention check (shown like the others, never with
          the assistant, and left out of accuracy); empty or `false` otherwise.
        - Cells with commas, quotes or line breaks are quoted (`"…"`, with `""` for a quote), as spreadsheets export them.
        """;

    /// <inheritdoc />
    public override IReadOnlyList<string> Extensions { get; } = [".csv", ".jsonl"];

    /// <inheritdoc />
    public override IReadOnlyList<DemoStimulusSet> DemoSets { get; } =
    [
        DemoStimulusSet.FromResource(typeof(QaStimulusFormat), DemoKey, "General knowledge (11 questions, one attention check)",
            "Tasks/QuestionAnswering/Demo/qa-general.csv"),
    ];

    /// <inheritdoc />
    public override StimulusParseResult Parse(string fileName, string content)
    {
        var problems = new List<StimulusProblem>();
        var items = Path.GetExtension(fileName).Equals(".jsonl", StringComparison.OrdinalIgnoreCase)
            ? ParseJsonLines(content, problems)
            : ParseCsv(content, problems);
        if (problems.Count == 0 && items.Count == 0) problems.Add(new StimulusProblem(null, "The file holds no questions."));
        return problems.Count > 0 ? StimulusParseResult.Failed(problems) : StimulusParseResult.Ok(items);
    }

    private static List<QaItem> ParseCsv(string content, List<StimulusProblem> problems)
    {
        var (rows, unclosed) = StimulusCsv.Read(content);
        if (unclosed is { } open)
        {
            problems.Add(new StimulusProblem(open, "A quoted cell starts here but its closing quote (\") is missing."));
            return [];
        }
        if (rows.Count == 0) return [];

        var header = rows[0];
        var columns = header.Cells.Select(c => c.ToLowerInvariant()).ToList();
        foreach (var missing in CsvColumns.Where(c => !columns.Contains(c)))
            problems.Add(new StimulusProblem(header.Line, $"The header has no '{missing}' column. Expected: {string.Join(',', CsvColumns)}[,{AttentionColumn}]."));
        foreach (var unknown in columns.Where(c => !CsvColumns.Contains(c) && c != AttentionColumn).Distinct())
            problems.Add(new StimulusProblem(header.Line, $"The header has an unknown column '{unknown}'. Expected: {string.Join(',', CsvColumns)}[,{AttentionColumn}]."));
        foreach (var twice in columns.GroupBy(c => c).Where(g => g.Count() > 1))
            problems.Add(new StimulusProblem(header.Line, $"The header names the column '{twice.Key}' more than once."));
        if (problems.Count > 0) return [];

        var items = new List<QaItem>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows.Skip(1))
        {
            if (row.Cells.Count != columns.Count)
            {
                problems.Add(new StimulusProblem(row.Line, $"This row has {row.Cells.Count} value(s) but the header has {columns.Count} columns."));
                continue;
            }
            string Cell(string column) => row.Cells[columns.IndexOf(column)];
            var before = problems.Count;
            var options = new List<string>();
            foreach (var letter in new[] { "a", "b", "c", "d" })
            {
                if (Cell(letter).Length == 0) problems.Add(new StimulusProblem(row.Line, $"Option '{letter}' is empty."));
                options.Add(Cell(letter));
            }
            var check = false;
            if (columns.Contains(AttentionColumn) && !TryFlag(Cell(AttentionColumn), out check))
                problems.Add(new StimulusProblem(row.Line, $"'{AttentionColumn}' is true or false (or empty), not '{Cell(AttentionColumn)}'."));
            var item = Item(row.Line, Cell("id"), Cell("question"), options, Cell("answer"), check, seen, problems);
            if (item is not null && problems.Count == before) items.Add(item);
        }
        return items;
    }

    private static List<QaItem> ParseJsonLines(string content, List<StimulusProblem> problems)
    {
        var items = new List<QaItem>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var lines = content.TrimStart('\uFEFF').Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            var text = lines[i].Trim();
            if (text.Length == 0) continue;
            JsonElement root;
            try
            {
                using var document = JsonDocument.Parse(text);
                root = document.RootElement.Clone();
            }
            catch (JsonException e)
            {
                problems.Add(new StimulusProblem(number, JsonSyntaxProblem.ForLine(e)));
                continue;
            }
            if (root.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new StimulusProblem(number, "Each line must be one JSON object like {\"id\":…,\"question\":…,\"options\":[…],\"answer\":…}."));
                continue;
            }
            var before = problems.Count;
            var id = Text(root, "id", number, problems);
            var question = Text(root, "question", number, problems);
            var answer = Text(root, "answer", number, problems);
            var options = Options(root, number, problems);
            var check = false;
            if (root.TryGetProperty("attentionCheck", out var flag) && flag.ValueKind is not JsonValueKind.Null)
            {
                if (flag.ValueKind is JsonValueKind.True or JsonValueKind.False) check = flag.GetBoolean();
                else problems.Add(new StimulusProblem(number, "\"attentionCheck\" is true or false."));
            }
            if (problems.Count > before || id is null || question is null || answer is null || options is null) continue;
            var item = Item(number, id, question, options, answer, check, seen, problems);
            if (item is not null && problems.Count == before) items.Add(item);
        }
        return items;
    }

    // The checks both formats share; returns null (with problems added) when the item cannot be used.
    private static QaItem? Item(int line, string id, string question, List<string> options, string answer, bool check,
        Dictionary<string, int> seen, List<StimulusProblem> problems)
    {
        var ok = true;
        id = id.Trim();
        if (id.Length == 0) { problems.Add(new StimulusProblem(line, "The id is empty.")); ok = false; }
        else if (seen.TryGetValue(id, out var first)) { problems.Add(new StimulusProblem(line, $"The id '{id}' is already used on line {first}.")); ok = false; }
        else seen[id] = line;
        if (question.Trim().Length == 0) { problems.Add(new StimulusProblem(line, "The question is empty.")); ok = false; }
        foreach (var twice in options.Where(o => o.Length > 0).GroupBy(o => o, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add(new StimulusProblem(line, $"The option '{twice.Key}' appears more than once."));
            ok = false;
        }
        var letter = AnswerLetter(answer.Trim(), options);
        if (answer.Trim().Length == 0) { problems.Add(new StimulusProblem(line, "The answer is empty.")); ok = false; }
        else if (letter is null)
        {
            var letters = string.Join(", ", options.Select((_, i) => QaItem.Letter(i)));
            problems.Add(new StimulusProblem(line, $"The answer '{answer.Trim()}' is not among the options: give a letter ({letters}) or the exact text of one option."));
            ok = false;
        }
        return ok ? new QaItem(id, question.Trim(), options, letter!, check) : null;
    }

    // The option's exact text wins over a letter: an option may itself be "a".
    private static string? AnswerLetter(string answer, List<string> options)
    {
        var byText = options.FindIndex(o => string.Equals(o, answer, StringComparison.Ordinal));
        if (byText >= 0) return QaItem.Letter(byText);
        if (answer.Length == 1 && char.ToLowerInvariant(answer[0]) is var c && c >= 'a' && c - 'a' < options.Count) return c.ToString();
        return null;
    }

    private static bool TryFlag(string value, out bool flag)
    {
        switch (value.Trim().ToLowerInvariant())
        {
            case "" or "false" or "no" or "0": flag = false; return true;
            case "true" or "yes" or "1": flag = true; return true;
            default: flag = false; return false;
        }
    }

    private static string? Text(JsonElement root, string name, int line, List<StimulusProblem> problems)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            problems.Add(new StimulusProblem(line, $"\"{name}\" is missing."));
            return null;
        }
        if (value.ValueKind == JsonValueKind.String) return value.GetString()!;
        // Numeric ids are common in exported data sets; they are kept as their text.
        if (name == "id" && value.ValueKind == JsonValueKind.Number) return value.GetRawText();
        problems.Add(new StimulusProblem(line, $"\"{name}\" must be text."));
        return null;
    }

    private static List<string>? Options(JsonElement root, int line, List<StimulusProblem> problems)
    {
        if (!root.TryGetProperty("options", out var value) || value.ValueKind != JsonValueKind.Array)
        {
            problems.Add(new StimulusProblem(line, "\"options\" is missing; it is a list of answer texts, e.g. [\"Venus\",\"Mercury\"]."));
            return null;
        }
        var options = new List<string>();
        var ok = true;
        foreach (var (option, index) in value.EnumerateArray().Select((o, i) => (o, i)))
        {
            if (option.ValueKind != JsonValueKind.String || option.GetString()!.Trim().Length == 0)
            {
                problems.Add(new StimulusProblem(line, $"Option {index + 1} must be non-empty text."));
                ok = false;
                continue;
            }
            options.Add(option.GetString()!.Trim());
        }
        if (ok && options.Count is < 2 or > QaItem.MaxOptions)
        {
            problems.Add(new StimulusProblem(line, $"A question needs between 2 and {QaItem.MaxOptions} options; this one has {options.Count}."));
            ok = false;
        }
        return ok ? options : null;
    }

}
