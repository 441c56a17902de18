using System.Globalization;
using InteractionLab.Domain.Studies;

namespace InteractionLab.Domain.Annotation;

/// <summary>
/// How the ratings of one question on one item are summed up: the aggregate value (majority for categories, median
/// for scales) and how much the raters disagree, on a 0–1 scale the review threshold is compared with.
/// </summary>
public static class RatingConsensus
{
    /// <summary>The level alpha uses for a question kind; null for free text, which has no agreement.</summary>
    public static MeasurementLevel? LevelOf(SurveyItem question) => question.Kind switch
    {
        SurveyItemKind.Likert => MeasurementLevel.Ordinal,
        SurveyItemKind.Slider => MeasurementLevel.Interval,
        SurveyItemKind.YesNo or SurveyItemKind.MultipleChoice or SurveyItemKind.TurnMark => MeasurementLevel.Nominal,
        _ => null,
    };

    /// <summary>
    /// The aggregate and the disagreement of <paramref name="values"/> (raw answers, empty ones ignored). Categories:
    /// the majority value (null on a tie) and 1 − majority share (a 2–1 split is 1/3). Scales: the median (the mean of
    /// the middle two for an even count) and the range over the scale's span (1 and 5 on a 1–5 scale is 1).
    /// </summary>
    public static QuestionConsensus Of(SurveyItem question, IReadOnlyList<string> values)
    {
        var answered = values.Where(v => !string.IsNullOrWhiteSpace(v)).ToList();
        if (answered.Count == 0) return new QuestionConsensus(null, 0, 0);
        if (question.Kind is SurveyItemKind.Likert or SurveyItemKind.Slider)
        {
            var numbers = answered.Select(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : double.NaN)
                .Where(d => !double.IsNaN(d)).Order().ToList();
            if (numbers.Count == 0) return new QuestionConsensus(null, 0, answered.Count);
            var mid = numbers.Count / 2;
            var median = numbers.Count % 2 == 1 ? numbers[mid] : (numbers[mid - 1] + numbers[mid]) / 2;
            var span = Math.Max(1, question.Max - question.Min);
            return new QuestionConsensus(median.ToString(CultureInfo.InvariantCulture), (numbers[^1] - numbers[0]) / span, numbers.Count);
        }
        if (question.Kind == SurveyItemKind.FreeText) return new QuestionConsensus(null, 0, answered.Count);
        var groups = answered.GroupBy(v => v, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ToList();
        var tie = groups.Count > 1 && groups[0].Count() == groups[1].Count();
        return new QuestionConsensus(tie ? null : groups[0].Key, 1 - (double)groups[0].Count() / answered.Count, answered.Count);
    }
}

/// <summary>The summary of one question's ratings on one item.</summary>
/// <param name="Value">Majority (categories) or median (scales); null on a tie, for free text, or with no ratings.</param>
/// <param name="Disagreement">0 when everyone agrees, up to 1 (see <see cref="RatingConsensus.Of"/>).</param>
/// <param name="Ratings">How many answers were counted.</param>
public sealed record QuestionConsensus(string? Value, double Disagreement, int Ratings);
