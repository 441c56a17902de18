using System.Text.Json;
using InteractionLab.Api.Stimuli;

namespace InteractionLab.Api.Tasks.Summarization;

/// <summary>
/// Documents to summarise: JSON lines or CSV, each document with an id, a title and its text. Every problem of a
/// file is reported with its line (a missing id or text, a text over the limit, an id used twice).
/// </summary>
public sealed class SummaryDocumentsFormat : StimulusFormat
{
    /// <summary>Longest document accepted, in characters: a participant reads it in a minute or two.</summary>
    public const int MaxTextLength = 20_000;

    /// <summary>Longest id or title accepted.</summary>
    public const int MaxIdLength = 200;

    /// <inheritdoc />
    public override string Kind => "documents";

    /// <inheritdoc />
    public override string Documentation =>
        """
        Documents for the summarization task, one per participant item, as **JSON lines** (`.jsonl`) or **CSV** (`.csv`).

        - `id` (required): a short id, unique in the file; results and exports name the document by it.
        - `title` (optional): the headline shown above the text; empty shows "Document k".
        - `text` (required): the document, at most 20,000 characters; separate paragraphs with a blank line.

        JSON lines: one object per line, e.g. `{"id": "harbour", "title": "Harbour reopens", "text": "..."}`.
        Blank lines are skipped.

        CSV: a header row naming the columns `id`, `title` and `text` (any order), then one row per document.
        Put a field in double quotes when it holds a comma, a quote (written twice: `""`) or a line break.
        """;

    /// <inheritdoc />
    public override IReadOnlyList<string> Extensions { get; } = [".jsonl", ".csv"];

    /// <inheritdoc />
    public override IReadOnlyList<DemoStimulusSet> DemoSets { get; } =
    [
        DemoStimulusSet.FromResource(typeof(SummaryDocumentsFormat), "demo-summarization-news", "Local news (4 short articles)",
            "Tasks/Summarization/Demo/news.jsonl"),
    ];

    /// <inheritdoc />
    public override StimulusParseResult Parse(string fileName, string content)
    {
        var rows = Path.GetExtension(fileName).Equals(".csv", StringComparison.OrdinalIgnoreCase) ? CsvRows(content) : JsonRows(content);
        var problems = new List<StimulusProblem>();
        var documents = new List<SummaryDocument>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (row.Problem is not null)
            {
                problems.Add(new StimulusProblem(row.Line, row.Problem));
                continue;
            }
            var id = row.Id?.Trim() ?? "";
            var text = row.Text?.Trim() ?? "";
            var title = row.Title?.Trim() ?? "";
            var before = problems.Count;
            if (id.Length == 0) problems.Add(new StimulusProblem(row.Line, "The document has no id."));
            else if (id.Length > MaxIdLength) problems.Add(new StimulusProblem(row.Line, $"The id is longer than {MaxIdLength} characters."));
            else if (seen.TryGetValue(id, out var first)) problems.Add(new StimulusProblem(row.Line, $"The id '{id}' is already used on line {first}."));
            else seen[id] = row.Line;
            if (text.Length == 0) problems.Add(new StimulusProblem(row.Line, $"Document '{id}' has no text."));
            else if (text.Length > MaxTextLength)
                problems.Add(new StimulusProblem(row.Line, $"Document '{id}' is {text.Length:N0} characters long; the limit is {MaxTextLength:N0}."));
            if (title.Length > MaxIdLength) problems.Add(new StimulusProblem(row.Line, $"The title is longer than {MaxIdLength} characters."));
            if (problems.Count == before) documents.Add(new SummaryDocument(id, title.Length > 0 ? title : $"Document {documents.Count + 1}", text.ReplaceLineEndings("\n")));
        }
        return problems.Count > 0 ? StimulusParseResult.Failed(problems) : StimulusParseResult.Ok(documents);
    }

    private sealed record Row(int Line, string? Id, string? Title, string? Text, string? Problem = null);

    private static IEnumerable<Row> JsonRows(string content)
    {
        var lines = content.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            Row row;
            try
            {
                using var json = JsonDocument.Parse(lines[i]);
                row = json.RootElement.ValueKind == JsonValueKind.Object
                    ? new Row(i + 1, Field(json.RootElement, "id"), Field(json.RootElement, "title"), Field(json.RootElement, "text"))
                    : new Row(i + 1, null, null, null, "The line is not a JSON object ({...}).");
            }
            catch (JsonException e)
            {
                row = new Row(i + 1, null, null, null, JsonSyntaxProblem.ForLine(e) + " Each line is one document, as {\"id\": …, \"title\": …, \"text\": …}.");
            }
            yield return row;
        }
    }

    // Ids may be written as numbers; anything else that is not text counts as missing.
    private static string? Field(JsonElement item, string name) =>
        item.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        } : null;

    private static IEnumerable<Row> CsvRows(string content)
    {
        var (records, unclosed) = StimulusCsv.Read(content);
        if (unclosed is { } open)
        {
            yield return new Row(open, null, null, null, "A quoted field is never closed: a double quote is missing.");
            yield break;
        }
        if (records.Count == 0)
        {
            yield return new Row(1, null, null, null, "The file is empty; it needs a header row (id,title,text) and one row per document.");
            yield break;
        }
        var header = records[0].Cells.Select(f => f.Trim().ToLowerInvariant()).ToList();
        int idAt = header.IndexOf("id"), titleAt = header.IndexOf("title"), textAt = header.IndexOf("text");
        if (idAt < 0 || textAt < 0)
        {
            yield return new Row(records[0].Line, null, null, null, "The header row must name the columns id and text (and optionally title).");
            yield break;
        }
        foreach (var record in records.Skip(1))
        {
            if (record.Cells.All(string.IsNullOrWhiteSpace)) continue;
            string? At(int index) => index >= 0 && index < record.Cells.Count ? record.Cells[index] : null;
            yield return record.Cells.Count > header.Count
                ? new Row(record.Line, null, null, null, $"The row has {record.Cells.Count} fields but the header names {header.Count}; put text with commas in double quotes.")
                : new Row(record.Line, At(idAt), At(titleAt), At(textAt));
        }
    }
}
