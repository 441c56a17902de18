// The namespace is not InteractionLab.Api.Results: that name would hide ASP.NET Core's Results/Results<…> in sibling namespaces.
using InteractionLab.Domain.Metrics;

namespace InteractionLab.Api.ConditionResults;

/// <summary>How a result row's cells are read.</summary>
public enum ResultKind
{
    /// <summary>A numeric mean (scale answers, counts per session, milliseconds, minutes).</summary>
    Mean,
    /// <summary>A share between 0 and 1 (yes answers, stopped replies, marked turns), shown as mean ± SE like a mean.</summary>
    Proportion,
    /// <summary>A count of answers: how many of the N sessions that answered gave this one (choices, free text).</summary>
    Count,
}

/// <summary>One row of the results: what is measured, how it is grouped on the page and how to read it.</summary>
/// <param name="Key">Stable key (CSV column value), e.g. <c>survey:rating/fluency</c> or <c>dialogue:participant-turns</c>.</param>
/// <param name="Label">What a researcher reads in the table.</param>
/// <param name="Group">Rows of one group share a chart (e.g. all Likert items of a stage, all latencies).</param>
/// <param name="Kind">How the cells are read.</param>
/// <param name="ScaleMax">The top of the answer scale where there is one (a Likert item's Max, 1 for shares), so
/// charts of a group share the scale participants saw; null to scale to the data.</param>
public sealed record ResultMetric(string Key, string Label, string Group, ResultKind Kind, double? ScaleMax = null);

/// <summary>One condition's summary of one metric: mean ± standard error over sessions (SE NaN when N &lt; 2).</summary>
public sealed record ResultCell(string Condition, int N, double Mean, double StandardError)
{
    /// <summary>The count of a <see cref="ResultKind.Count"/> row: sessions whose value was 1.</summary>
    public int Count => N == 0 ? 0 : (int)Math.Round(Mean * N);
}

/// <summary>One metric with a cell per condition, in the order of <see cref="StudyResults.Conditions"/>.</summary>
public sealed record ResultRow(ResultMetric Metric, IReadOnlyList<ResultCell> Cells);

/// <summary>Which sessions the results include. Screened-out sessions never count: they did not take part.</summary>
/// <param name="IncludeSimulated">Also count simulated (pilot) sessions.</param>
/// <param name="IncludeIncomplete">Also count sessions that are in progress, abandoned or withdrawn.</param>
public sealed record ResultsOptions(bool IncludeSimulated = false, bool IncludeIncomplete = false);

/// <summary>A study's results: per condition, mean ± SE of every metric and survey item.</summary>
/// <param name="StudyId">The study.</param>
/// <param name="Slug">Its slug (used in the CSV file name).</param>
/// <param name="Title">Its title from the latest version.</param>
/// <param name="Conditions">Condition keys, the table's columns.</param>
/// <param name="SessionsPerCondition">Sessions counted per condition (same order as <see cref="Conditions"/>).</param>
/// <param name="Rows">Metrics in display order: task metrics first, then survey items in stage order.</param>
/// <param name="Options">Which sessions were included.</param>
public sealed record StudyResults(
    Guid StudyId,
    string Slug,
    string Title,
    IReadOnlyList<string> Conditions,
    IReadOnlyList<int> SessionsPerCondition,
    IReadOnlyList<ResultRow> Rows,
    ResultsOptions Options);

/// <summary>What a metric source measured: the rows it offers and one value per session and metric.</summary>
/// <param name="Metrics">The metrics, in display order.</param>
/// <param name="Values">Per-session values; <see cref="SessionMetricValue.Metric"/> is a <see cref="ResultMetric.Key"/>.</param>
public sealed record SessionMetrics(IReadOnlyList<ResultMetric> Metrics, IReadOnlyList<SessionMetricValue> Values);
