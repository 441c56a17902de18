namespace InteractionLab.Domain.Metrics;

/// <summary>One row of a per-condition summary: a metric's mean ± SE over the sessions of one condition.
/// <paramref name="StandardError"/> is NaN when <paramref name="N"/> &lt; 2.</summary>
public sealed record ConditionSummaryRow(string Condition, string Metric, int N, double Mean, double StandardError);
