using System.Text.Json;
using InteractionLab.Api.Stimuli;

namespace InteractionLab.Api.Tasks.MetaphorWriting;

/// <summary>
/// The <c>metaphor-seeds</c> stimulus kind: a CSV with a header <c>id,seed[,explanation]</c> or JSON lines
/// <c>{"id": …, "seed": …, "explanation": …}</c>. Every problem is reported with its line so a file is fixed in one go.
/// </summary>
public sealed class MetaphorSeedFormat : StimulusFormat
{
    /// <summary>The kind key.</summary>
    public const string KindKey = "metaphor-seeds";

    /// <summary>Key of the demo set shipped with the project.</summary>
    public const string DemoKey = "demo-metaphor-seeds";

    private const int MaxSeedLength = 300;

    /// <inheritdoc />
    public override string Kind => KindKey;

    /// <inheritdoc />
    public override string Documentation => """
        Seed metaphors for the metaphor writing task; each participant is given one (the first in their item order).
        - **CSV** (`.csv`): a header row `id,seed` or `id,seed,explanation`, then one metaphor per row. Quote a field
          that holds a comma with double quotes (`"a, b"`).
        - **JSON lines** (`.jsonl`): one object per line, `{"id": "journey", "seed": "Love is a journey", "explanation": "…"}`.

        `id` is 1–64 characters and unique in the file; `seed` is the metaphor shown (at most 300 characters);
        `explanation` is optional and shown under the metaphor.
        """;

    /// <inheritdoc />
    public override IReadOnlyList<string> Extensions { get; } = [".csv", ".jsonl"];

    /// <inheritdoc />
    public override IReadOnlyList<DemoStimulusSet> DemoSets { get; } =
        [DemoStimulusSet.FromResource(typeof(MetaphorSeedFormat), DemoKey, "Five everyday metaphors", "Tasks/MetaphorWriting/Demo/metaphor-seeds.csv")];

    /// <inheritdoc />
    public override StimulusParseResult Parse(string fileName, string content)
    {
        var problems = new List<StimulusProblem>();
        var rows = fileName.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) ? ParseJsonLines(content, problems) : ParseCsv(content, problems);
        var items = new List<MetaphorSeed>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, id, seed, explanation) in rows)
        {
            if (string.IsNullOrWhiteSpace(id) || id.Trim().Length > 64) problems.Add(new(line, "The id must be 1 to 64 characters."));
            else if (!ids.Add(id.Trim())) problems.Add(new(line, $"The id '{id.Trim()}' is used twice; ids must be unique."));
            if (string.IsNullOrWhiteSpace(seed)) problems.Add(new(line, "The seed metaphor is empty."));
            else if (seed.Trim().Length > MaxSeedLength) problems.Add(new(line, $"The seed metaphor is longer than {MaxSeedLength} characters."));
            items.Add(new MetaphorSeed(id?.Trim() ?? "", seed?.Trim() ?? "", string.IsNullOrWhiteSpace(explanation) ? null : explanation.Trim()));
        }
        if (problems.Count == 0 && items.Count == 0) problems.Add(new(null, "The file holds no seed metaphors."));
        return problems.Count > 0 ? StimulusParseResult.Failed(problems) : StimulusParseResult.Ok(items);
    }

    private static List<(int Line, string? Id, string? Seed, string? Explanation)> ParseJsonLines(string content, List<StimulusProblem> problems)
    {
        var rows = new List<(int, string?, string?, string?)>();
        var lines = content.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var text = lines[i].Trim();
            if (text.Length == 0) continue;
            try
            {
                using var doc = JsonDocument.Parse(text);
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                {
                    problems.Add(new(i + 1, "Each line must be a JSON object with \"id\" and \"seed\"."));
                    continue;
                }
                rows.Add((i + 1, Text(doc.RootElement, "id"), Text(doc.RootElement, "seed"), Text(doc.RootElement, "explanation")));
            }
            catch (JsonException e)
            {
                problems.Add(new(i + 1, JsonSyntaxProblem.ForLine(e)));
            }
        }
        return rows;
    }

    private static string? Text(JsonElement o, string name) => o.TryGetProperty(name, out var v) ? v.ValueKind switch
    {
        JsonValueKind.String => v.GetString(),
        JsonValueKind.Number => v.GetRawText(),
        _ => null,
    } : null;

    private static List<(int Line, string? Id, string? Seed, string? Explanation)> ParseCsv(string content, List<StimulusProblem> problems)
    {
        var rows = new List<(int, string?, string?, string?)>();
        var (records, unclosed) = StimulusCsv.Read(content);
        if (unclosed is { } open)
        {
            problems.Add(new(open, "A quoted field starts here but its closing quote (\") is missing."));
            return rows;
        }
        if (records.Count == 0) return rows;
        var header = records[0].Cells.Select(f => f.Trim().ToLowerInvariant()).ToList();
        int idAt = header.IndexOf("id"), seedAt = header.IndexOf("seed"), explanationAt = header.IndexOf("explanation");
        if (idAt < 0 || seedAt < 0)
        {
            problems.Add(new(1, "The first row must be the header id,seed (optionally ,explanation)."));
            return rows;
        }
        foreach (var (line, fields) in records.Skip(1))
        {
            if (fields.All(string.IsNullOrWhiteSpace)) continue;
            if (fields.Count > header.Count)
            {
                problems.Add(new(line, $"This row has {fields.Count} fields but the header has {header.Count}; quote a field that holds a comma."));
                continue;
            }
            string? At(int i) => i >= 0 && i < fields.Count ? fields[i] : null;
            rows.Add((line, At(idAt), At(seedAt), At(explanationAt)));
        }
        return rows;
    }
}
