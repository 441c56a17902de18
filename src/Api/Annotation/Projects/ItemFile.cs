using System.Text.Json;
using InteractionLab.Api.Stimuli;
using InteractionLab.Domain.Annotation;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Surveys;

namespace InteractionLab.Api.Annotation.Projects;

/// <summary>
/// Reads item files and checks items against the project's form. JSON Lines: one <see cref="ManualItem"/> per line
/// (camelCase). CSV (RFC 4180, header row): <c>id,text</c> and optionally <c>context,context_label,title,second,role</c>
/// and <c>expected.&lt;question key&gt;</c> columns (<c>second</c> is the other side's text of a pair). Errors name
/// their line and field; a file with any error saves nothing.
/// </summary>
public static class ItemFile
{
    /// <summary>Most items in one file.</summary>
    public const int MaxItems = 20_000;

    /// <summary>The file's items and the problems found, by line.</summary>
    public static (IReadOnlyList<(int Line, ManualItem Item)> Items, IReadOnlyList<ItemLineError> Errors) Parse(string fileName, string text, SurveyConfig form)
    {
        var errors = new List<ItemLineError>();
        var items = fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? FromCsv(text, errors) : FromJsonLines(text, errors);
        if (items.Count > MaxItems) errors.Add(new ItemLineError(0, null, $"At most {MaxItems} items per file; this one has {items.Count}."));
        if (items.Count == 0 && errors.Count == 0) errors.Add(new ItemLineError(0, null, "The file holds no items."));
        errors.AddRange(Check(items, form));
        return (items, errors);
    }

    /// <summary>Problems with items against the form: ids, texts, roles, expected answers.</summary>
    public static IEnumerable<ItemLineError> Check(IReadOnlyList<(int Line, ManualItem Item)> items, SurveyConfig form)
    {
        foreach (var dup in items.GroupBy(i => i.Item.Id?.Trim() ?? "").Where(g => g.Key.Length > 0 && g.Count() > 1))
            yield return new ItemLineError(dup.ElementAt(1).Line, "id", $"The id '{dup.Key}' is used more than once (first on line {dup.First().Line}).");
        foreach (var (line, item) in items)
        {
            if (string.IsNullOrWhiteSpace(item.Id)) yield return new ItemLineError(line, "id", "Every item needs an id.");
            else if (item.Id.Length > 200) yield return new ItemLineError(line, "id", "Ids are limited to 200 characters.");
            if (string.IsNullOrWhiteSpace(item.Text) && item.Turns is not { Count: > 0 })
                yield return new ItemLineError(line, "text", "The item has nothing to rate: give a text or turns.");
            foreach (var (turn, i) in (item.Turns ?? []).Select((t, i) => (t, i)))
                if (turn.Speaker is not (ItemContent.PersonSpeaker or ItemContent.AiSpeaker))
                    yield return new ItemLineError(line, $"turns[{i}].speaker", "A speaker is \"person\" or \"ai\".");
            var role = item.ParsedRole();
            if (role is null) yield return new ItemLineError(line, "role", $"'{item.Role}' is not a role; use regular, gold or qualification.");
            else if (role != Data.AnnotationItemRole.Regular && item.Expected is not { Count: > 0 })
                yield return new ItemLineError(line, "expected", "Gold and qualification items need expected answers.");
            foreach (var (key, value) in item.Expected ?? new Dictionary<string, string>())
            {
                var question = form.Items.FirstOrDefault(q => q.Key == key);
                if (question is null) yield return new ItemLineError(line, $"expected.{key}", $"The form has no question '{key}'.");
                else if (!SurveyScoring.IsValidAnswer(question, value))
                    yield return new ItemLineError(line, $"expected.{key}", $"'{value}' is not an answer '{key}' allows.");
            }
        }
    }

    private static List<(int, ManualItem)> FromJsonLines(string text, List<ItemLineError> errors)
    {
        var items = new List<(int, ManualItem)>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0) continue;
            try
            {
                if (JsonSerializer.Deserialize<ManualItem>(line, ConfigHash.Json) is { } item) items.Add((i + 1, item));
            }
            catch (JsonException e)
            {
                errors.Add(new ItemLineError(i + 1, e.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : null, $"Not a valid item: {e.Message}"));
            }
        }
        return items;
    }

    private static List<(int, ManualItem)> FromCsv(string text, List<ItemLineError> errors)
    {
        var (rows, unclosed) = StimulusCsv.Read(text);
        if (unclosed is { } at)
        {
            errors.Add(new ItemLineError(at, null, "A quoted cell starting here is never closed."));
            return [];
        }
        if (rows.Count == 0) return [];
        var header = rows[0].Cells.Select(h => h.Trim()).ToList();
        if (!header.Contains("id") || !header.Contains("text"))
        {
            errors.Add(new ItemLineError(rows[0].Line, null, "The header needs the columns id and text."));
            return [];
        }
        var items = new List<(int, ManualItem)>();
        foreach (var row in rows.Skip(1))
        {
            string? Get(string column) => header.IndexOf(column) is var at and >= 0 && at < row.Cells.Count && row.Cells[at].Length > 0 ? row.Cells[at] : null;
            var expected = header.Where(h => h.StartsWith("expected.", StringComparison.Ordinal) && Get(h) is not null)
                .ToDictionary(h => h["expected.".Length..], h => Get(h)!);
            var second = Get("second");
            items.Add((row.Line, new ManualItem(Get("id") ?? "", Get("text"), Get("context"), Get("context_label"), Get("title"),
                Second: second is null ? null : new ManualItem("", second), Role: Get("role"), Expected: expected.Count == 0 ? null : expected)));
        }
        return items;
    }
}
