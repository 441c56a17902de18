using System.Globalization;

namespace InteractionLab.Api.Exports;

/// <summary>
/// The one writer of CSV cells: every CSV the platform writes builds its lines from these, so quoting and formula
/// neutralisation cannot differ between files. Quoting follows RFC 4180 §2.6–2.7. A text cell that starts with
/// <c>= + - @</c>, a tab, a carriage return or NUL gets a leading apostrophe (OWASP ASVS 5.0 V1.2.10, CWE-1236),
/// because a spreadsheet would otherwise run it as a formula when a researcher opens the file — participants and
/// imported data write these cells. Numbers go through <see cref="Number(double)"/> and are never prefixed, so a
/// negative mean stays a number.
/// </summary>
public static class CsvCell
{
    /// <summary>Line ending of every CSV line (RFC 4180 §2.1).</summary>
    public const string LineEnd = "\r\n";

    /// <summary>A text cell: neutralised when it could start a formula, quoted when it holds a comma, quote or line break.</summary>
    public static string Text(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\0') value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>A number in invariant culture, round-trippable; empty for NaN (undefined).</summary>
    public static string Number(double value) => double.IsNaN(value) ? "" : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A whole number in invariant culture.</summary>
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Cells already written by <see cref="Text"/> or <see cref="Number(double)"/>, joined into one line with its ending.</summary>
    public static string Line(params IEnumerable<string> cells) => string.Join(',', cells) + LineEnd;
}
