namespace InteractionLab.Api.Exports;

/// <summary>
/// One text cell of a CSV export: quoted only where needed (a comma, a quote or a line break inside, as Python's
/// <c>csv</c> writes with <c>QUOTE_MINIMAL</c> and pandas' <c>to_csv</c> does), and made harmless for spreadsheets: a
/// cell starting with <c>=</c>, <c>+</c>, <c>-</c> or <c>@</c> would run as a formula in Excel or LibreOffice, so it gets a
/// leading apostrophe (OWASP's advice for CSV injection). Participants write these cells, so this matters; the JSON
/// Lines exports carry the exact text.
/// </summary>
public static class CsvCell
{
    /// <summary>The cell for <paramref name="value"/> (null is the empty cell).</summary>
    public static string Text(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@') value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
