using System.Security.Claims;
using InteractionLab.Api.Data;
using InteractionLab.Api.Sessions;
using InteractionLab.Api.Staff;
using InteractionLab.Domain;
using InteractionLab.Domain.Metrics;
using InteractionLab.Domain.Studies;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.ConditionResults;

/// <summary>
/// A study's results page: per condition, mean ± standard error of every metric the registered
/// <see cref="ISessionMetricSource"/>s offer. Sessions are loaded once (a few columns); each source then reads
/// its data with a few aggregate queries joined to the same session filter.
/// </summary>
public sealed class StudyResultsQuery(PlatformDbContext db, IStudyAccess access, StudyConfigCache configs, IEnumerable<ISessionMetricSource> sources)
{
    /// <summary>The results of a study <paramref name="user"/> may see (also view-only shares); 404 problem otherwise.</summary>
    public async Task<StudyResults> GetAsync(ClaimsPrincipal user, Guid studyId, ResultsOptions options, CancellationToken ct = default)
    {
        var study = await access.GetVisibleAsync(db, user, studyId, ct);
        return await ComputeAsync(study, options, ct);
    }

    /// <summary>The sessions the results count under <paramref name="options"/> (screened-out sessions never).</summary>
    public IQueryable<Session> Counted(Guid studyId, ResultsOptions options) =>
        db.Sessions.AsNoTracking().Where(s => s.StudyId == studyId && s.Status != SessionStatus.ScreenedOut
            && (options.IncludeSimulated || !s.IsSimulated)
            && (options.IncludeIncomplete || s.Status == SessionStatus.Completed));

    /// <summary>The results of <paramref name="study"/> without an access check (the caller has done it, e.g. an API key).</summary>
    public async Task<StudyResults> ComputeAsync(Study study, ResultsOptions options, CancellationToken ct = default)
    {
        var versionIds = await db.StudyVersions.AsNoTracking().Where(v => v.StudyId == study.Id)
            .OrderByDescending(v => v.Number).Select(v => v.Id).ToListAsync(ct);
        // Newest first: sources take labels and row order from the newest version that has an item.
        var versions = new Dictionary<Guid, StudyConfig>();
        foreach (var id in versionIds) versions[id] = await configs.GetAsync(db, id, ct);

        var query = Counted(study.Id, options);
        var sessions = await query.Select(s => new ResultSession(s.Id, s.ConditionKey, s.StudyVersionId, s.Status,
            s.StageIndex, s.StartedAt, s.LastSeenAt, s.CompletedAt)).ToListAsync(ct);
        var scope = new ResultsScope(db, query, sessions, versions);

        var conditions = versions.Values.FirstOrDefault()?.Conditions.Select(c => c.Key).ToList() ?? [];
        conditions.AddRange(sessions.Select(s => s.Condition).Distinct().Where(c => !conditions.Contains(c)).Order(StringComparer.Ordinal));

        var metrics = new List<ResultMetric>();
        var values = new List<SessionMetricValue>();
        foreach (var source in sources)
        {
            var measured = await source.ComputeAsync(scope, ct);
            metrics.AddRange(measured.Metrics);
            values.AddRange(measured.Values);
        }
        var summary = ConditionSummaryTable.Build(values).ToDictionary(r => (r.Condition, r.Metric));
        var rows = metrics.Select(m => new ResultRow(m, conditions.Select(c => summary.TryGetValue((c, m.Key), out var r)
            ? new ResultCell(c, r.N, r.Mean, r.StandardError)
            : new ResultCell(c, 0, double.NaN, double.NaN)).ToList())).ToList();
        var perCondition = conditions.Select(c => sessions.Count(s => s.Condition == c)).ToList();
        return new StudyResults(study.Id, study.Slug, versions.Values.FirstOrDefault()?.Title ?? study.Slug, conditions, perCondition, rows, options);
    }
}
