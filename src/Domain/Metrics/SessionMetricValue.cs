namespace InteractionLab.Domain.Metrics;

/// <summary>One metric value of one session, tagged with the session's condition (e.g. the model).</summary>
public sealed record SessionMetricValue(string SessionId, string Condition, string Metric, double Value);
