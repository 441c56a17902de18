using System.Globalization;
using System.Text.Json;

namespace InteractionLab.Domain.MoralGraph;

/// <summary>
/// Reads the fields of one row of another platform's file, adding a problem that names the row, the field and the
/// offending value for every field that is missing or of the wrong kind. Field names match exactly first, then
/// ignoring case; where a table changed a column's name between schema versions, every name is tried.
/// </summary>
internal sealed class JsonRow(JsonElement row, string table, int index, List<ImportProblem> problems)
{
    /// <summary>Where the row is, e.g. <c>Edge[3]</c>.</summary>
    public string Item { get; } = $"{table}[{index}]";

    /// <summary>The row's index in its table (0-based, file order).</summary>
    public int Index { get; } = index;

    /// <summary>True once any field of the row was reported.</summary>
    public bool Failed { get; private set; }

    /// <summary>Reports a problem about the row.</summary>
    public void Problem(string message)
    {
        problems.Add(new ImportProblem(Item, message));
        Failed = true;
    }

    /// <summary>An id: a whole number (the original platform's serial ids) or a non-empty text, as text.</summary>
    public string? Id(params string[] names)
    {
        if (!Find(names, out var name, out var value)) { Missing(names); return null; }
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n)) return n.ToString(CultureInfo.InvariantCulture);
        if (value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())) return value.GetString()!.Trim();
        Problem($"'{name}' must be a whole number or a text id, not {Show(value)}.");
        return null;
    }

    /// <summary>A text; null when absent or JSON null (reported only when <paramref name="required"/>).</summary>
    public string? Text(string name, bool required = false) => Text([name], required);

    /// <summary>A text under any of <paramref name="names"/>.</summary>
    public string? Text(string[] names, bool required)
    {
        if (!Find(names, out var name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required) Missing(names);
            return null;
        }
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        if (value.ValueKind == JsonValueKind.Number) return value.GetRawText();
        Problem($"'{name}' must be text, not {Show(value)}.");
        return null;
    }

    /// <summary>A count in the object <paramref name="parent"/> (itself the field <paramref name="parentName"/>): a whole number of 0 or more; required.</summary>
    public int Count(JsonElement parent, string parentName, string name)
    {
        if (!TryGet(parent, name, out var value)) { Problem($"'{parentName}.{name}' is missing."); return 0; }
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= 0) return n;
        Problem($"'{parentName}.{name}' must be a whole number of 0 or more, not {Show(value)}.");
        return 0;
    }

    /// <summary>True/false; false when absent.</summary>
    public bool Flag(string name)
    {
        if (!Find([name], out _, out var value) || value.ValueKind == JsonValueKind.Null) return false;
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return value.GetBoolean();
        Problem($"'{name}' must be true or false, not {Show(value)}.");
        return false;
    }

    /// <summary>A list of texts: a JSON array of strings, or a PostgreSQL array literal such as <c>{"A","B"}</c>; empty when absent.</summary>
    public IReadOnlyList<string> Texts(string name)
    {
        if (!Find([name], out _, out var value) || value.ValueKind == JsonValueKind.Null) return [];
        if (value.ValueKind == JsonValueKind.String && PostgresArray.TryParse(value.GetString()!, out var parsed)) return parsed;
        if (value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String))
            return value.EnumerateArray().Select(e => e.GetString()!.Trim()).ToArray();
        Problem($"'{name}' must be a list of texts (a JSON array of strings), not {Show(value)}.");
        return [];
    }

    /// <summary>
    /// An instant. A time without an offset is read as UTC: the original platform (Prisma on PostgreSQL) stores its
    /// <c>DateTime</c> columns as UTC in <c>timestamp(3)</c> columns that carry no offset.
    /// </summary>
    public DateTimeOffset? Time(string name, bool required)
    {
        var text = Text(name, required);
        if (text is null) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var at))
            return at.ToUniversalTime();
        Problem($"'{name}' '{text}' is not a date and time, e.g. \"2023-10-24T12:00:00.000Z\".");
        return null;
    }

    /// <summary>The object under <paramref name="name"/>; reported when missing or not an object.</summary>
    public JsonElement? Object(string name)
    {
        if (!Find([name], out _, out var value)) { Missing([name]); return null; }
        if (value.ValueKind == JsonValueKind.Object) return value;
        Problem($"'{name}' must be an object, not {Show(value)}.");
        return null;
    }

    /// <summary>Whether the row has any of these fields.</summary>
    public bool Has(params string[] names) => Find(names, out _, out _);

    /// <summary>A JSON value as a message shows it: its kind and, when short, its text.</summary>
    public static string Show(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.String => $"the text \"{Short(value.GetString()!)}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Array => "a list",
        _ => "an object",
    };

    private static string Short(string text) => text.Length <= 40 ? text : text[..39] + "…";

    private void Missing(string[] names) =>
        Problem(names.Length == 1 ? $"'{names[0]}' is missing." : $"'{names[0]}' is missing (also looked for {string.Join(", ", names.Skip(1).Select(n => $"'{n}'"))}).");

    private bool Find(string[] names, out string name, out JsonElement value)
    {
        foreach (var n in names)
            if (TryGet(row, n, out value)) { name = n; return true; }
        (name, value) = (names[0], default);
        return false;
    }

    private static bool TryGet(JsonElement source, string name, out JsonElement value)
    {
        if (source.TryGetProperty(name, out value)) return true;
        foreach (var p in source.EnumerateObject())
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) { value = p.Value; return true; }
        value = default;
        return false;
    }
}
