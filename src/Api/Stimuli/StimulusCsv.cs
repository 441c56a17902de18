using System.Text;

namespace InteractionLab.Api.Stimuli;

/// <summary>One CSV record with the line it starts on (a quoted cell may span lines).</summary>
public sealed record CsvRow(int Line, IReadOnlyList<string> Cells);

/// <summary>
/// A small RFC 4180 reader: comma-separated, double quotes around cells that hold commas, quotes or line breaks,
/// <c>""</c> for a quote inside them. Blank lines are skipped, cells are trimmed, line endings inside quoted cells
/// become <c>\n</c>, a byte-order mark is ignored. Every stimulus format reads CSV through it, because spreadsheet
/// exports are the form researchers have their items in, and a problem must name the line the researcher sees in
/// their editor.
/// </summary>
public static class StimulusCsv
{
    /// <summary>The records, or the line where an unterminated quote starts.</summary>
    public static (IReadOnlyList<CsvRow> Rows, int? UnclosedQuoteLine) Read(string content)
    {
        content = content.TrimStart('\uFEFF').ReplaceLineEndings("\n");
        var rows = new List<CsvRow>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        var line = 1;
        var rowStart = 1;
        var quoted = false;
        var quoteStart = 0;
        var rowHasContent = false;
        for (var i = 0; i < content.Length; i++)
        {
            var c = content[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < content.Length && content[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else
                {
                    if (c == '\n') line++;
                    cell.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"' when cell.Length == 0 || cell.ToString().Trim().Length == 0:
                    cell.Clear();
                    quoted = true;
                    quoteStart = line;
                    rowHasContent = true;
                    break;
                case ',':
                    cells.Add(cell.ToString());
                    cell.Clear();
                    rowHasContent = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    EndRow();
                    line++;
                    rowStart = line;
                    break;
                default:
                    cell.Append(c);
                    if (!char.IsWhiteSpace(c)) rowHasContent = true;
                    break;
            }
        }
        if (quoted) return (rows, quoteStart);
        EndRow();
        return (rows, null);

        void EndRow()
        {
            cells.Add(cell.ToString());
            cell.Clear();
            if (rowHasContent) rows.Add(new CsvRow(rowStart, cells.Select(x => x.Trim()).ToList()));
            cells = [];
            rowHasContent = false;
        }
    }
}
