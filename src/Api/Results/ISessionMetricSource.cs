namespace InteractionLab.Api.ConditionResults;

/// <summary>
/// Computes per-session metrics of one kind of task (or of the surveys) for the results page. Each source reads
/// its data with a few aggregate queries over <see cref="ResultsScope.Query"/>, never one query per session.
/// Register implementations with <c>AddScoped&lt;ISessionMetricSource, …&gt;()</c>; the results query asks all.
/// </summary>
public interface ISessionMetricSource
{
    /// <summary>The metrics and per-session values for the sessions in <paramref name="scope"/> (none when the
    /// study has no task of this source's type).</summary>
    Task<SessionMetrics> ComputeAsync(ResultsScope scope, CancellationToken ct);
}
