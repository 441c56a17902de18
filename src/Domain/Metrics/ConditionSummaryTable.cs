namespace InteractionLab.Domain.Metrics;

/// <summary>Builds the per-condition, per-metric table of mean ± standard error from per-session values.</summary>
public static class ConditionSummaryTable
{
    /// <summary>One row per (condition, metric), ordered by condition then metric (ordinal) so exports are
    /// stable. NaN values are skipped (see <see cref="MeanWithError.Of(IEnumerable{double})"/>); a pair whose
    /// values are all NaN still gets a row with N = 0, so a missing metric is visible rather than silent.</summary>
    public static IReadOnlyList<ConditionSummaryRow> Build(IEnumerable<SessionMetricValue> values) =>
        values
            .GroupBy(v => (v.Condition, v.Metric))
            .OrderBy(g => g.Key.Condition, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Metric, StringComparer.Ordinal)
            .Select(g =>
            {
                var summary = MeanWithError.Of(g.Select(v => v.Value));
                return new ConditionSummaryRow(g.Key.Condition, g.Key.Metric, summary.N, summary.Mean, summary.StandardError);
            })
            .ToArray();
}
