using System.Text.RegularExpressions;

namespace InteractionLab.Domain.Annotation;

/// <summary>
/// Redacts free text by <see cref="RedactionRules"/> plus blinding terms (words that would reveal the condition:
/// model, endpoint and condition names, a participant's own recruitment ids). Built-in kinds run first, in a fixed
/// order (e-mail before URL, so an address is not half taken as a domain), then names, terms and patterns.
/// </summary>
public sealed partial class TextRedactor
{
    /// <summary>What replaces a blinding term.</summary>
    public const string BlindedToken = "[redacted]";

    private readonly RedactionRules rules;
    private readonly Regex? names;
    private readonly Regex? terms;
    private readonly IReadOnlyList<Regex> patterns;

    /// <summary>A redactor for <paramref name="rules"/> and <paramref name="blindingTerms"/>.</summary>
    public TextRedactor(RedactionRules rules, IEnumerable<string>? blindingTerms = null)
    {
        this.rules = rules;
        names = WordsRegex(rules.Names ?? []);
        terms = WordsRegex(blindingTerms ?? []);
        patterns = (rules.Patterns ?? []).Where(p => !string.IsNullOrWhiteSpace(p))
            .Select(p => new Regex(p, RegexOptions.None, RedactionRules.PatternTimeout)).ToList();
    }

    /// <summary>The redacted text and how many of each kind were replaced.</summary>
    public RedactionResult Redact(string? text)
    {
        if (string.IsNullOrEmpty(text)) return new RedactionResult(text ?? "", new Dictionary<string, int>());
        var counts = new Dictionary<string, int>();
        string Replace(string input, Regex regex, string kind, string token, Func<Match, bool>? accept = null) =>
            regex.Replace(input, m =>
            {
                if (accept is not null && !accept(m)) return m.Value;
                counts[kind] = counts.GetValueOrDefault(kind) + 1;
                return token;
            });

        if (rules.EmailAddresses) text = Replace(text, Email(), "email", "[email]");
        if (rules.Urls) text = Replace(text, Url(), "url", "[url]");
        if (rules.RecruitmentIds) text = Replace(text, RecruitmentId(), "id", "[id]", m => m.Value.Any(char.IsDigit));
        if (rules.PhoneNumbers) text = Replace(text, Phone(), "phone", "[phone]", m => m.Value.Count(char.IsAsciiDigit) is >= 7 and <= 15 && !Date().IsMatch(m.Value));
        if (terms is not null) text = Replace(text, terms, "blinded", BlindedToken);
        if (names is not null) text = Replace(text, names, "name", "[name]");
        foreach (var pattern in patterns)
        {
            try
            {
                text = Replace(text, pattern, "pattern", "[redacted]");
            }
            catch (RegexMatchTimeoutException)
            {
                // A pattern that runs away must not let the text through half-checked: withhold all of it.
                counts["pattern"] = counts.GetValueOrDefault("pattern") + 1;
                return new RedactionResult("[redacted]", counts);
            }
        }
        return new RedactionResult(text, counts);
    }

    // Longest first, so "New York City" wins over "New York"; whole words only, any case.
    private static Regex? WordsRegex(IEnumerable<string> words)
    {
        var list = words.Select(w => w.Trim()).Where(w => w.Length >= 2).Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(w => w.Length).Select(Regex.Escape).ToList();
        return list.Count == 0 ? null
            : new Regex(@"(?<![\p{L}\p{N}_])(?:" + string.Join("|", list) + @")(?![\p{L}\p{N}_])",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RedactionRules.PatternTimeout);
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")]
    private static partial Regex Email();

    [GeneratedRegex(@"\b(?:(?:https?|ftp)://|www\.)[^\s<>""']+[^\s<>""'.,;:!?)\]]|\b[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?)*\.(?:com|org|net|edu|gov|io|ai|co|uk|de|fr|info|me|ly|app|dev)\b(?:/[^\s<>""']*[^\s<>""'.,;:!?)\]])?", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    // Prolific ids: 24 hex digits; MTurk worker ids: A + 11–20 capitals/digits; HIT and assignment ids: 30 capitals/digits.
    [GeneratedRegex(@"\b(?:[0-9a-fA-F]{24}|A[0-9A-Z]{11,20}|[0-9A-Z]{30})\b")]
    private static partial Regex RecruitmentId();

    // 12.03.2016, 2016-03-12: dates have phone-like digit counts but are not phone numbers.
    [GeneratedRegex(@"^(?:\d{1,2}([./\-])\d{1,2}\1\d{2,4}|\d{4}([./\-])\d{1,2}\2\d{1,2})$")]
    private static partial Regex Date();

    [GeneratedRegex(@"(?<![\w+])(?:\+\d{1,3}[\s.\-]?)?(?:\(\d{1,4}\)[\s.\-]?)?\d{2,4}(?:[\s.\-]?\d{2,4}){1,4}(?!\w)")]
    private static partial Regex Phone();
}

/// <summary>Redacted text.</summary>
/// <param name="Text">The text with every match replaced.</param>
/// <param name="Counts">Replacements by kind (email, url, id, phone, blinded, name, pattern).</param>
public sealed record RedactionResult(string Text, IReadOnlyDictionary<string, int> Counts);
