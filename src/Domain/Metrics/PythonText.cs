namespace InteractionLab.Domain.Metrics;

/// <summary>
/// Python's <c>str.strip()</c>, <c>str.split()</c> and <c>len()</c> semantics, so that text measures HALIE computed
/// in Python (token and character edit distances, "is this sentence empty") come out identical here. Python counts
/// code points (an emoji is one, a combining accent is its own) and does not normalise; its whitespace is
/// <c>str.isspace()</c>, which, unlike <see cref="char.IsWhiteSpace(char)"/>, includes U+001C–U+001F.
/// </summary>
public static class PythonText
{
    /// <summary>Python's <c>str.isspace()</c> for one character: bidirectional class WS, B or S, or category Zs.
    /// Every such character is in the Basic Multilingual Plane.</summary>
    public static bool IsSpace(char c) => c switch
    {
        >= '\t' and <= '\r' => true,
        >= '\u001C' and <= '\u001F' => true,
        ' ' or '\u0085' or '\u00A0' or '\u1680' => true,
        >= '\u2000' and <= '\u200A' => true,
        '\u2028' or '\u2029' or '\u202F' or '\u205F' or '\u3000' => true,
        _ => false,
    };

    /// <summary><c>text.strip()</c>: <paramref name="text"/> without leading and trailing Python whitespace.</summary>
    public static string Strip(string text)
    {
        int start = 0, end = text.Length;
        while (start < end && IsSpace(text[start])) start++;
        while (end > start && IsSpace(text[end - 1])) end--;
        return text[start..end];
    }

    /// <summary><c>text.split()</c>: the runs of non-whitespace, empty runs dropped.</summary>
    public static string[] Split(string text)
    {
        var tokens = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var space = i == text.Length || IsSpace(text[i]);
            if (!space && start < 0) start = i;
            else if (space && start >= 0)
            {
                tokens.Add(text[start..i]);
                start = -1;
            }
        }
        return [.. tokens];
    }

    /// <summary>The code points of <paramref name="text"/> (what a Python <c>str</c> is a sequence of); a surrogate
    /// pair is one code point.</summary>
    public static int[] CodePoints(string text)
    {
        var points = new List<int>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                points.Add(char.ConvertToUtf32(text[i], text[i + 1]));
                i++;
            }
            else
            {
                // A lone surrogate stays one code point of its own, as in a Python str.
                points.Add(text[i]);
            }
        }
        return [.. points];
    }
}
