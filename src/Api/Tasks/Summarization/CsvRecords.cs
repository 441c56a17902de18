using System.Text;

namespace InteractionLab.Api.Tasks.Summarization;

/// <summary>
/// A small RFC 4180 reader: fields separated by commas, double quotes around fields holding commas, quotes
/// (doubled) or line breaks. Each record keeps the line it starts on, so problems can name it.
/// </summary>
internal static class CsvRecords
{
    internal sealed record Record(int Line, IReadOnlyList<string> Fields, string? Problem);

    internal static IReadOnlyList<Record> Read(string content)
    {
        var records = new List<Record>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var start = 1;
        var quoted = false;
        var fieldStarted = false;
        var text = content.ReplaceLineEndings("\n");
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else
                {
                    if (c == '\n') line++;
                    field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"' when !fieldStarted:
                    quoted = true;
                    fieldStarted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldStarted = false;
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    records.Add(new Record(start, fields, null));
                    fields = [];
                    field.Clear();
                    fieldStarted = false;
                    start = ++line;
                    break;
                default:
                    field.Append(c);
                    fieldStarted = true;
                    break;
            }
        }
        if (quoted) records.Add(new Record(start, [], "A quoted field is never closed: a double quote is missing."));
        else if (fieldStarted || fields.Count > 0) records.Add(new Record(start, [.. fields, field.ToString()], null));
        return records;
    }
}
