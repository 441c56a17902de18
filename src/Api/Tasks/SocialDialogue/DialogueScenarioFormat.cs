using System.Text.Json;
using InteractionLab.Api.Stimuli;

namespace InteractionLab.Api.Tasks.SocialDialogue;

/// <summary>
/// Social dialogue's scenarios as a stimulus set (kind <c>dialogue-scenarios</c>): a CSV with the header
/// <c>id,scenario</c> or JSON lines <c>{"id": …, "scenario": …}</c>. Each participant is given one scenario.
/// </summary>
public sealed class DialogueScenarioFormat : StimulusFormat
{
    /// <summary>The kind of set.</summary>
    public const string KindKey = "dialogue-scenarios";

    /// <summary>Longest scenario accepted (it is pasted into every prompt).</summary>
    public const int MaxScenarioLength = 1000;

    /// <inheritdoc />
    public override string Kind => KindKey;

    /// <inheritdoc />
    public override string Documentation => """
        One scenario per row; each participant is given one of them (the same one for the whole session).

        **CSV** (`.csv`, UTF-8): a header line `id,scenario`, then one scenario per line. Put a scenario that
        contains a comma in double quotes (`"…"`), doubling any quote inside it.

        **JSON lines** (`.jsonl`): one object per line, `{"id": "guitar", "scenario": "You recently started learning the guitar."}`.

        Ids must be unique within the file (letters, digits, `-`, `_`); scenarios may be at most 1000 characters.
        """;

    /// <inheritdoc />
    public override IReadOnlyList<string> Extensions { get; } = [".csv", ".jsonl"];

    /// <inheritdoc />
    public override IReadOnlyList<DemoStimulusSet> DemoSets { get; } =
    [
        DemoStimulusSet.FromResource(typeof(DialogueScenarioFormat), "demo-dialogue-scenarios", "Everyday chat scenarios (demo)",
            "Tasks/SocialDialogue/Demo/dialogue-scenarios.csv"),
    ];

    /// <inheritdoc />
    public override StimulusParseResult Parse(string fileName, string content)
    {
        var problems = new List<StimulusProblem>();
        var rows = Path.GetExtension(fileName).Equals(".jsonl", StringComparison.OrdinalIgnoreCase)
            ? ReadJsonLines(content, problems)
            : ReadCsv(content, problems);
        var items = new List<DialogueScenario>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (line, id, scenario) in rows)
        {
            if (string.IsNullOrWhiteSpace(id)) problems.Add(new(line, "The id is empty."));
            else if (!id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')) problems.Add(new(line, $"The id '{id}' may only hold letters, digits, '-' and '_'."));
            else if (seen.TryGetValue(id, out var first)) problems.Add(new(line, $"The id '{id}' is already used on line {first}."));
            else seen[id] = line;
            if (string.IsNullOrWhiteSpace(scenario)) problems.Add(new(line, "The scenario is empty."));
            else if (scenario.Length > MaxScenarioLength) problems.Add(new(line, $"The scenario has {scenario.Length} characters; at most {MaxScenarioLength} are allowed."));
            items.Add(new DialogueScenario(id.Trim(), scenario.Trim()));
        }
        return problems.Count > 0 ? StimulusParseResult.Failed(problems) : StimulusParseResult.Ok(items);
    }

    private static List<(int Line, string Id, string Scenario)> ReadCsv(string content, List<StimulusProblem> problems)
    {
        var rows = new List<(int, string, string)>();
        var (records, unclosed) = StimulusCsv.Read(content);
        if (unclosed is { } open)
        {
            problems.Add(new(open, "A quoted field starts here but its closing quote (\") is missing."));
            return rows;
        }
        var header = records.Count > 0 ? records[0] : null;
        if (header is null || header.Line != 1 || header.Cells.Count != 2 || !header.Cells[0].Equals("id", StringComparison.OrdinalIgnoreCase)
            || !header.Cells[1].Equals("scenario", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(new(1, "The first line must be the header 'id,scenario'."));
            return rows;
        }
        foreach (var (line, fields) in records.Skip(1))
        {
            if (fields.Count != 2) problems.Add(new(line, $"Expected 2 fields (id,scenario) but found {fields.Count}; put a scenario with commas in double quotes."));
            else rows.Add((line, fields[0], fields[1]));
        }
        return rows;
    }

    private static List<(int Line, string Id, string Scenario)> ReadJsonLines(string content, List<StimulusProblem> problems)
    {
        var rows = new List<(int, string, string)>();
        var lines = content.TrimStart('\uFEFF').Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var text = lines[i].Trim();
            if (text.Length == 0) continue;
            try
            {
                using var doc = JsonDocument.Parse(text);
                if (doc.RootElement.ValueKind != JsonValueKind.Object) { problems.Add(new(i + 1, "Each line must be a JSON object {\"id\": …, \"scenario\": …}.")); continue; }
                rows.Add((i + 1, Text(doc.RootElement, "id"), Text(doc.RootElement, "scenario")));
            }
            catch (JsonException e)
            {
                problems.Add(new(i + 1, JsonSyntaxProblem.ForLine(e)));
            }
        }
        return rows;
    }

    private static string Text(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) ? v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : v.ToString() : "";
}
