using System.Text;

namespace InteractionLab.Api.Tasks.SocialDialogue;

/// <summary>Splits one CSV line (RFC 4180 quoting, no line breaks inside fields).</summary>
internal static class SimpleCsv
{
    /// <summary>The fields of <paramref name="line"/>, or null when a quoted field is not closed.</summary>
    public static List<string>? Fields(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else quoted = false;
            }
            else if (c == '"' && field.Length == 0) quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        if (quoted) return null;
        fields.Add(field.ToString());
        return fields;
    }
}
