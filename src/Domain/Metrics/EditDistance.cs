using System.Globalization;
using System.Text;

namespace InteractionLab.Domain.Metrics;

/// <summary>Levenshtein distance (insert, delete, substitute, each cost 1) on characters or words.
/// Two-row dynamic programme: O(n·m) time, O(min(n, m)) memory.</summary>
public static class EditDistance
{
    /// <summary>Distance between two texts in user-perceived characters: both are NFC-normalised and split
    /// into grapheme clusters, so "é" typed precomposed or as e + accent, or an emoji made of two UTF-16
    /// units, counts as one character.</summary>
    public static int Characters(string from, string to) => Levenshtein(Graphemes(from), Graphemes(to));

    /// <summary>Distance in words (whitespace-separated tokens; punctuation stays attached to its word).</summary>
    public static int Words(string from, string to) => Levenshtein(WordsOf(from), WordsOf(to));

    /// <summary>Character distance divided by the longer text's length in characters: 0 identical, 1 nothing
    /// shared. Two empty texts are identical (0).</summary>
    public static double NormalizedCharacters(string from, string to)
    {
        string[] a = Graphemes(from), b = Graphemes(to);
        var longer = Math.Max(a.Length, b.Length);
        return longer == 0 ? 0 : (double)Levenshtein(a, b) / longer;
    }

    /// <summary>Word distance divided by the longer text's word count; two empty texts give 0.</summary>
    public static double NormalizedWords(string from, string to)
    {
        string[] a = WordsOf(from), b = WordsOf(to);
        var longer = Math.Max(a.Length, b.Length);
        return longer == 0 ? 0 : (double)Levenshtein(a, b) / longer;
    }

    /// <summary>Levenshtein distance between any two sequences.</summary>
    public static int Levenshtein<T>(ReadOnlySpan<T> from, ReadOnlySpan<T> to) where T : IEquatable<T>
    {
        // Distance is symmetric, so the rows run over the shorter sequence to keep memory O(min).
        if (to.Length > from.Length)
        {
            var swap = from;
            from = to;
            to = swap;
        }
        if (to.Length == 0)
        {
            return from.Length;
        }
        var previous = new int[to.Length + 1];
        var current = new int[to.Length + 1];
        for (var j = 0; j <= to.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= from.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= to.Length; j++)
            {
                var substitute = previous[j - 1] + (from[i - 1].Equals(to[j - 1]) ? 0 : 1);
                current[j] = Math.Min(substitute, Math.Min(previous[j], current[j - 1]) + 1);
            }
            (previous, current) = (current, previous);
        }
        return previous[to.Length];
    }

    private static string[] Graphemes(string text)
    {
        var normalized = text.Normalize(NormalizationForm.FormC);
        var parts = new List<string>(normalized.Length);
        var enumerator = StringInfo.GetTextElementEnumerator(normalized);
        while (enumerator.MoveNext())
        {
            parts.Add(enumerator.GetTextElement());
        }
        return [.. parts];
    }

    private static string[] WordsOf(string text) =>
        text.Normalize(NormalizationForm.FormC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
}
