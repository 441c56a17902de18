using InteractionLab.Domain;
using InteractionLab.Domain.Studies;

namespace InteractionLab.Api.Monitoring;

/// <summary>Everything the live study overview shows, computed in one go by <see cref="StudyDashboardQuery"/>.</summary>
/// <param name="StudyId">Study id.</param>
/// <param name="Slug">Public slug.</param>
/// <param name="Title">Title of the latest version.</param>
/// <param name="Status">Draft, open, paused or closed.</param>
/// <param name="VersionNumber">Latest version number (0 when none).</param>
/// <param name="Stages">Stage keys of the latest version, in order (stage bars are labelled with these).</param>
/// <param name="Counts">Sessions by status.</param>
/// <param name="ByConditionAndStage">Sessions per condition and current stage index.</param>
/// <param name="Durations">Durations of completed sessions.</param>
/// <param name="Throughput">Estimated model tokens per second for each of the last minutes, oldest first.</param>
/// <param name="Errors">Failed generations.</param>
/// <param name="Recent">Most recently active sessions, newest first.</param>
/// <param name="ComputedAt">When the snapshot was taken.</param>
public sealed record StudyDashboard(
    Guid StudyId,
    string Slug,
    string Title,
    StudyStatus Status,
    int VersionNumber,
    IReadOnlyList<string> Stages,
    SessionCounts Counts,
    IReadOnlyList<ConditionStageCount> ByConditionAndStage,
    DurationSummary Durations,
    IReadOnlyList<ThroughputPoint> Throughput,
    ErrorSummary Errors,
    IReadOnlyList<RecentSession> Recent,
    DateTimeOffset ComputedAt);

/// <summary>Sessions by status, with completion and drop-out rates over all sessions started.</summary>
/// <param name="InProgress">Still running.</param>
/// <param name="Completed">Finished with all data saved.</param>
/// <param name="Abandoned">Silent past the abandonment timeout.</param>
/// <param name="Withdrawn">Withdrew consent.</param>
public sealed record SessionCounts(int InProgress, int Completed, int Abandoned, int Withdrawn)
{
    /// <summary>All sessions started.</summary>
    public int Total => InProgress + Completed + Abandoned + Withdrawn;
    /// <summary>Completed / started (0 when none started).</summary>
    public double CompletionRate => Total == 0 ? 0 : (double)Completed / Total;
    /// <summary>(Abandoned + withdrawn) / started (0 when none started).</summary>
    public double DropOutRate => Total == 0 ? 0 : (double)(Abandoned + Withdrawn) / Total;
}

/// <summary>How many sessions of a condition are at a stage.</summary>
/// <param name="Condition">Condition key.</param>
/// <param name="StageIndex">Stage index (completed sessions sit at the debrief).</param>
/// <param name="Status">Session status.</param>
/// <param name="Count">Sessions.</param>
public sealed record ConditionStageCount(string Condition, int StageIndex, SessionStatus Status, int Count);

/// <summary>Median and distribution of completed sessions' durations.</summary>
/// <param name="Count">Completed sessions.</param>
/// <param name="Median">Median duration (null when none completed).</param>
/// <param name="Seconds">Every completed session's duration in seconds (for the histogram).</param>
public sealed record DurationSummary(int Count, TimeSpan? Median, IReadOnlyList<double> Seconds);

/// <summary>Model output in one minute.</summary>
/// <param name="Minute">Start of the minute.</param>
/// <param name="TokensPerSecond">Estimated tokens generated in that minute / 60.</param>
public sealed record ThroughputPoint(DateTimeOffset Minute, double TokensPerSecond);

/// <summary>Failed generations: every model turn that ended in an error, and the latest few.</summary>
/// <param name="Generations">Model turns saved.</param>
/// <param name="Failed">Model turns that ended in an error, plus failures recorded without any text (last hour).</param>
/// <param name="Latest">Latest failures, newest first.</param>
public sealed record ErrorSummary(int Generations, int Failed, IReadOnlyList<GenerationFailure> Latest);

/// <summary>One failed generation.</summary>
/// <param name="SessionId">The session.</param>
/// <param name="TurnIndex">The turn.</param>
/// <param name="At">When the request was sent.</param>
/// <param name="Error">Error name as recorded, if any.</param>
public sealed record GenerationFailure(SessionId SessionId, int TurnIndex, DateTimeOffset At, string? Error);

/// <summary>A row of the recent sessions table.</summary>
/// <param name="Id">Session id.</param>
/// <param name="Condition">Condition key.</param>
/// <param name="Status">Status.</param>
/// <param name="StageIndex">Current stage index.</param>
/// <param name="StartedAt">Consent time.</param>
/// <param name="LastSeenAt">Last activity.</param>
/// <param name="CompletedAt">Completion time, if completed.</param>
public sealed record RecentSession(SessionId Id, string Condition, SessionStatus Status, int StageIndex,
    DateTimeOffset StartedAt, DateTimeOffset LastSeenAt, DateTimeOffset? CompletedAt);
