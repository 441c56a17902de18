using System.Globalization;
using InteractionLab.Domain.Studies;

namespace InteractionLab.Domain.Annotation;

/// <summary>
/// The one value that stands for several raters' answers to a question on an item, by the question's level of
/// measurement (Stevens' permissible statistics): the mode for nominal data (categories, yes/no, turn marks), the
/// median for ordinal data (Likert scales, unless the project declares another level), the mean for interval and ratio
/// data (sliders). A nominal tie has no mode (the value is empty and says so); free text has no aggregate.
/// </summary>
public static class RatingAggregate
{
    /// <summary>The aggregate of <paramref name="values"/> (raw answers; empty and unreadable ones are not counted) at <paramref name="level"/>.</summary>
    public static AggregateValue? Of(SurveyItem question, MeasurementLevel? level, IReadOnlyList<string> values)
    {
        if (level is null) return null;
        var answered = values.Where(v => !string.IsNullOrWhiteSpace(v)).ToList();
        if (level == MeasurementLevel.Nominal)
        {
            var groups = answered.GroupBy(v => v, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ToList();
            var tie = groups.Count > 1 && groups[0].Count() == groups[1].Count();
            return new AggregateValue(groups.Count == 0 || tie ? null : groups[0].Key, tie ? "mode (tie)" : "mode", answered.Count);
        }
        var numbers = answered.Select(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : double.NaN)
            .Where(d => !double.IsNaN(d)).Order().ToList();
        if (numbers.Count == 0) return new AggregateValue(null, level == MeasurementLevel.Ordinal ? "median" : "mean", 0);
        if (level == MeasurementLevel.Ordinal)
        {
            var mid = numbers.Count / 2;
            var median = numbers.Count % 2 == 1 ? numbers[mid] : (numbers[mid - 1] + numbers[mid]) / 2;
            return new AggregateValue(Text(median), "median", numbers.Count);
        }
        return new AggregateValue(Text(numbers.Average()), "mean", numbers.Count);
    }

    // Round trip without float noise in exports (2.3333333333333335 → 2.333333).
    private static string Text(double value) => Math.Round(value, 6).ToString(CultureInfo.InvariantCulture);
}

/// <summary>An aggregate of one question on one item.</summary>
/// <param name="Value">The mode, median or mean; null for a nominal tie or when no answer could be counted.</param>
/// <param name="Statistic">"mode", "mode (tie)", "median" or "mean".</param>
/// <param name="Raters">How many answers were counted.</param>
public sealed record AggregateValue(string? Value, string Statistic, int Raters);
