namespace InteractionLab.Domain.Annotation;

/// <summary>
/// What is removed from free text before annotators see it. Each built-in kind can be switched off per project;
/// names and patterns are the researcher's own. Blinding terms (model, endpoint and condition names) are added by
/// the platform on top of these and cannot be switched off.
/// </summary>
/// <param name="EmailAddresses">Replace e-mail addresses with <c>[email]</c>.</param>
/// <param name="PhoneNumbers">Replace phone numbers (7 to 15 digits with the usual separators) with <c>[phone]</c>.</param>
/// <param name="Urls">Replace web addresses (with a scheme, <c>www.</c>, or a bare domain with a common ending) with <c>[url]</c>.</param>
/// <param name="RecruitmentIds">Replace ids shaped like Prolific (24 hex digits) and MTurk worker, HIT and assignment ids with <c>[id]</c>.</param>
/// <param name="Names">Names (people, places, products) replaced with <c>[name]</c>: whole words, any case.</param>
/// <param name="Patterns">Regular expressions (.NET syntax) whose matches are replaced with <c>[redacted]</c>.</param>
public sealed record RedactionRules(
    bool EmailAddresses = true,
    bool PhoneNumbers = true,
    bool Urls = true,
    bool RecruitmentIds = true,
    IReadOnlyList<string>? Names = null,
    IReadOnlyList<string>? Patterns = null)
{
    /// <summary>Every built-in kind on, no names, no patterns.</summary>
    public static readonly RedactionRules Default = new();

    /// <summary>Longest a researcher's pattern may run on one text before it is stopped (catastrophic backtracking).</summary>
    public static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(250);

    /// <summary>Problems with the names and patterns, keyed by field path (<c>names[2]</c>, <c>patterns[0]</c>).</summary>
    public IReadOnlyDictionary<string, string[]> Validate()
    {
        var errors = new Validation.FieldErrors();
        for (var i = 0; i < (Names?.Count ?? 0); i++)
            if (string.IsNullOrWhiteSpace(Names![i]) || Names[i].Trim().Length < 2)
                errors.Add($"names[{i}]", "A name needs at least two characters.");
        for (var i = 0; i < (Patterns?.Count ?? 0); i++)
        {
            var pattern = Patterns![i];
            if (string.IsNullOrWhiteSpace(pattern))
            {
                errors.Add($"patterns[{i}]", "The pattern is empty.");
                continue;
            }
            try
            {
                var regex = new System.Text.RegularExpressions.Regex(pattern, System.Text.RegularExpressions.RegexOptions.None, PatternTimeout);
                if (regex.IsMatch("")) errors.Add($"patterns[{i}]", "The pattern matches empty text, so it would match everywhere.");
            }
            catch (ArgumentException e)
            {
                errors.Add($"patterns[{i}]", $"'{pattern}' is not a valid regular expression: {e.Message}");
            }
        }
        return errors.ToDictionary();
    }
}
