using InteractionLab.Api.Data;
using InteractionLab.Domain;
using InteractionLab.Domain.Studies;

namespace InteractionLab.Api.ConditionResults;

/// <summary>One counted session as the metric sources see it (loaded once, a few columns).</summary>
public sealed record ResultSession(
    SessionId Id,
    string Condition,
    Guid StudyVersionId,
    SessionStatus Status,
    int StageIndex,
    DateTimeOffset StartedAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset? CompletedAt);

/// <summary>
/// What a metric source works on: the counted sessions as a query (to join against in aggregate queries), the
/// same sessions loaded, and each study version's frozen config.
/// </summary>
/// <param name="Db">The database.</param>
/// <param name="Query">The counted sessions, for joins inside aggregate queries.</param>
/// <param name="Sessions">The counted sessions, loaded.</param>
/// <param name="Configs">Config of every version of the study, by version id.</param>
public sealed record ResultsScope(
    PlatformDbContext Db,
    IQueryable<Session> Query,
    IReadOnlyList<ResultSession> Sessions,
    IReadOnlyDictionary<Guid, StudyConfig> Configs);
