using System.Text;

namespace InteractionLab.Domain.MoralGraph;

/// <summary>
/// Reads a one-dimensional PostgreSQL array literal of texts, e.g. <c>{"MOMENTS when …","CHOICES that …"}</c>, as a table
/// dump writes the original platform's <c>String[]</c> columns (<c>policies</c>). Elements may be quoted (with <c>\"</c>
/// and <c>\\</c> escapes) or bare; a bare <c>NULL</c> element is refused, since a policy cannot be null.
/// </summary>
internal static class PostgresArray
{
    public static bool TryParse(string text, out IReadOnlyList<string> items)
    {
        items = [];
        var s = text.Trim();
        if (s.Length < 2 || s[0] != '{' || s[^1] != '}') return false;
        var result = new List<string>();
        var i = 1;
        if (s.Length == 2) return true;
        while (i < s.Length - 1)
        {
            var current = new StringBuilder();
            if (s[i] == '"')
            {
                i++;
                while (i < s.Length - 1 && s[i] != '"')
                {
                    if (s[i] == '\\' && i + 1 < s.Length - 1) i++;
                    current.Append(s[i++]);
                }
                if (i >= s.Length - 1) return false; // unterminated quote
                i++;
            }
            else
            {
                while (i < s.Length - 1 && s[i] != ',') current.Append(s[i++]);
                if (current.ToString().Trim() is "NULL" or "") return false;
            }
            result.Add(current.ToString().Trim());
            if (i < s.Length - 1)
            {
                if (s[i] != ',') return false;
                i++;
            }
        }
        items = result;
        return true;
    }
}
