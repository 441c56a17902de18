using System.Globalization;
using InteractionLab.Domain.Studies;

namespace InteractionLab.Domain.Surveys;

/// <summary>How stored raw answers are read for analysis: reverse coding and attention checks.</summary>
public static class SurveyScoring
{
    /// <summary>
    /// The value analyses use: the number itself for Likert and slider items, Min + Max − answer when the item is
    /// reverse coded; null for other kinds or a non-numeric answer.
    /// </summary>
    public static double? Scored(SurveyItem item, string raw)
    {
        if (item.Kind is not (SurveyItemKind.Likert or SurveyItemKind.Slider)) return null;
        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) return null;
        return item.ReverseCoded ? item.Min + item.Max - value : value;
    }

    /// <summary>
    /// Whether an answer passes the item's attention check (null when the item is not one). A missing answer fails:
    /// a participant who skips the check has not shown they read it.
    /// </summary>
    public static bool? PassesAttentionCheck(SurveyItem item, string? answer)
    {
        if (item.AttentionCheck is not { } expected) return null;
        if (answer is null) return false;
        if (item.Kind is SurveyItemKind.Likert or SurveyItemKind.Slider
            && double.TryParse(answer, NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
            && double.TryParse(expected, NumberStyles.Float, CultureInfo.InvariantCulture, out var e))
            return a == e;
        return string.Equals(answer.Trim(), expected.Trim(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Whether <paramref name="value"/> is an answer the item can take (used to check expected answers).</summary>
    public static bool IsValidAnswer(SurveyItem item, string value) => item.Kind switch
    {
        SurveyItemKind.Likert => TryReadWholeNumber(value, out var v) && v >= item.Min && v <= item.Max,
        SurveyItemKind.Slider => TryReadWholeNumber(value, out var s)
            && s >= item.Min && s <= item.Max && item.Step > 0 && (s - item.Min) % item.Step == 0,
        SurveyItemKind.YesNo => value is "yes" or "no",
        SurveyItemKind.MultipleChoice => item.Options?.Contains(value) == true,
        SurveyItemKind.FreeText => value.Length <= SurveyAnswerValidator.MaxFreeTextLength,
        _ => false,
    };

    /// <summary>
    /// Reads a scale answer, accepting only the form the participant pages send: digits with an optional minus and no
    /// leading zero, spaces or plus sign. Answers are stored exactly as sent, so <c>" 3"</c>, <c>"+3"</c> and
    /// <c>"03"</c> are refused rather than stored beside <c>"3"</c> as different texts of the same answer.
    /// </summary>
    public static bool TryReadWholeNumber(string? value, out int number)
    {
        number = 0;
        if (string.IsNullOrEmpty(value) || value.Length > 11) return false;
        var digits = value[0] == '-' ? value.AsSpan(1) : value.AsSpan();
        if (digits.Length == 0 || digits.ContainsAnyExceptInRange('0', '9') || (digits[0] == '0' && (digits.Length > 1 || value[0] == '-'))) return false;
        return int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number);
    }
}
