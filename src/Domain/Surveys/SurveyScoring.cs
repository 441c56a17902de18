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
        SurveyItemKind.Likert => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= item.Min && v <= item.Max,
        SurveyItemKind.Slider => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s)
            && s >= item.Min && s <= item.Max && item.Step > 0 && (s - item.Min) % item.Step == 0,
        SurveyItemKind.YesNo => value is "yes" or "no",
        SurveyItemKind.MultipleChoice => item.Options?.Contains(value) == true,
        SurveyItemKind.FreeText => value.Length <= SurveyAnswerValidator.MaxFreeTextLength,
        _ => false,
    };
}
