using System.Globalization;
using System.Text;

namespace InteractionLab.Domain.Storage;

/// <summary>
/// The one place that decides what the platform's databases can store, so that a study piloted on the embedded SQLite
/// default behaves exactly as it will on PostgreSQL. PostgreSQL refuses, and SQLite silently accepts: a NUL character
/// in any text; in <c>jsonb</c> also the escape <c>\u0000</c>, a surrogate escape without its partner (half of an emoji,
/// e.g. <c>\ud83d</c> alone, which a text editor splitting UTF-16 produces), and numbers beyond <c>numeric</c>'s range.
/// Text is cleaned by replacing each such character with U+FFFD (what any UTF-8 encoder does with a lone surrogate);
/// a number out of range is kept as a string of its digits. Everything else passes through unchanged (same instance).
/// </summary>
/// <remarks>
/// Only real characters count: a participant who types a backslash followed by <c>u0000</c> sends the JSON escape
/// <c>\\u0000</c> (an escaped backslash), which is ordinary text. The JSON scan assumes syntactically valid JSON (the
/// hub has parsed it already) and walks it once, escape by escape, as PostgreSQL's <c>jsonb</c> input does.
/// </remarks>
public static class StorableText
{
    /// <summary>The character that replaces what cannot be stored.</summary>
    public const char Replacement = '\uFFFD';

    /// <summary>Why text was changed: a NUL character.</summary>
    public const string NulIssue = "NUL character replaced by U+FFFD";
    /// <summary>Why text was changed: half of a surrogate pair.</summary>
    public const string SurrogateIssue = "unpaired UTF-16 surrogate (half of an emoji) replaced by U+FFFD";
    /// <summary>Why JSON was changed: a number PostgreSQL's numeric type cannot hold.</summary>
    public const string NumberIssue = "number beyond PostgreSQL's numeric range stored as a string";

    // PostgreSQL's numeric holds up to 131072 digits before the point and 16383 after; these bounds stay inside both.
    private const int MaxDigitsBeforePoint = 100_000;
    private const int MaxDigitsAfterPoint = 16_000;

    /// <summary>Whether <paramref name="text"/> can be stored as it is (no NUL, no unpaired surrogate).</summary>
    public static bool IsStorable(string text) => FirstProblem(text) < 0;

    /// <summary><paramref name="text"/> with every NUL and unpaired surrogate replaced by U+FFFD.</summary>
    public static string Clean(string text)
    {
        var i = FirstProblem(text);
        if (i < 0) return text;
        var chars = text.ToCharArray();
        for (; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1])) i++;
            else if (chars[i] == '\0' || char.IsSurrogate(chars[i])) chars[i] = Replacement;
        }
        return new string(chars);
    }

    /// <summary>
    /// <paramref name="json"/> (valid JSON text) made storable as <c>jsonb</c>: NUL and unpaired surrogates, escaped or
    /// not, become U+FFFD; numbers out of range become strings. Returns the input itself when nothing changed.
    /// </summary>
    public static StorableJson Json(string json)
    {
        var fix = new Fix(json);
        var inString = false;
        for (var i = 0; i < json.Length;)
        {
            var c = json[i];
            if (!inString)
            {
                if (c == '"') inString = true;
                else if (c == '-' || char.IsAsciiDigit(c))
                {
                    var end = NumberEnd(json, i);
                    if (!NumberFits(json.AsSpan(i, end - i))) fix.Replace(i, end - i, "\"" + json[i..end] + "\"", NumberIssue);
                    i = end;
                    continue;
                }
                i++;
            }
            else if (c == '"')
            {
                inString = false;
                i++;
            }
            else if (c == '\\')
            {
                i = i + 1 < json.Length && json[i + 1] == 'u' ? UnicodeEscape(json, i, fix) : i + 2;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < json.Length && char.IsLowSurrogate(json[i + 1]))
            {
                i += 2;
            }
            else
            {
                if (c == '\0') fix.Replace(i, 1, "\\ufffd", NulIssue);
                else if (char.IsSurrogate(c)) fix.Replace(i, 1, "\\ufffd", SurrogateIssue);
                i++;
            }
        }
        return fix.Result();
    }

    // A \uXXXX escape at i: a pair of surrogate escapes passes, NUL or half a pair is replaced. Returns the next index.
    private static int UnicodeEscape(string json, int i, Fix fix)
    {
        var code = Hex(json, i + 2);
        if (char.IsHighSurrogate(code) && i + 11 < json.Length && json[i + 6] == '\\' && json[i + 7] == 'u' && char.IsLowSurrogate(Hex(json, i + 8)))
            return i + 12;
        if (code == '\0') fix.Replace(i, 6, "\\ufffd", NulIssue);
        else if (char.IsSurrogate(code)) fix.Replace(i, 6, "\\ufffd", SurrogateIssue);
        return i + 6;
    }

    // Four hex digits (valid JSON has them; anything else reads as an ordinary letter and passes).
    private static char Hex(string s, int at) =>
        at + 4 <= s.Length && ushort.TryParse(s.AsSpan(at, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code) ? (char)code : 'x';

    private static int FirstProblem(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0') return i;
            if (!char.IsSurrogate(c)) continue;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else return i;
        }
        return -1;
    }

    private static int NumberEnd(string json, int i)
    {
        while (i < json.Length && (char.IsAsciiDigit(json[i]) || json[i] is '-' or '+' or '.' or 'e' or 'E')) i++;
        return i;
    }

    // -?int(.frac)?([eE][+-]?exp)?: the digits before and after the point once the exponent is applied.
    private static bool NumberFits(ReadOnlySpan<char> number)
    {
        var e = number.IndexOfAny('e', 'E');
        var mantissa = e < 0 ? number : number[..e];
        if (mantissa.StartsWith("-")) mantissa = mantissa[1..];
        var point = mantissa.IndexOf('.');
        long before = point < 0 ? mantissa.Length : point;
        long after = point < 0 ? 0 : mantissa.Length - point - 1;
        if (e < 0) return before <= MaxDigitsBeforePoint && after <= MaxDigitsAfterPoint;
        if (!long.TryParse(number[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exponent)
            || Math.Abs(exponent) > MaxDigitsBeforePoint)
            return false;
        return before + exponent <= MaxDigitsBeforePoint && after - exponent <= MaxDigitsAfterPoint;
    }

    // Copies the input lazily: nothing is allocated unless something must change.
    private sealed class Fix(string input)
    {
        private StringBuilder? _output;
        private int _copied;
        private readonly SortedSet<string> _issues = new(StringComparer.Ordinal);

        public void Replace(int at, int length, string with, string issue)
        {
            _output ??= new StringBuilder(input.Length + 16);
            _output.Append(input, _copied, at - _copied).Append(with);
            _copied = at + length;
            _issues.Add(issue);
        }

        public StorableJson Result()
        {
            if (_output is null) return new StorableJson(input, null);
            _output.Append(input, _copied, input.Length - _copied);
            return new StorableJson(_output.ToString(), string.Join("; ", _issues));
        }
    }
}
