using System.Security.Claims;
using System.Text.Json;
using InteractionLab.Api.Data;
using InteractionLab.Api.Sessions;
using InteractionLab.Api.Staff;
using InteractionLab.Domain;
using InteractionLab.Domain.Dialogue;
using InteractionLab.Domain.Tracing;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Monitoring;

/// <summary>
/// Computes a study's live overview with a handful of aggregate queries, each narrowed by the study id so the
/// (StudyId, …) indexes carry them. Only completed sessions' two timestamps and the last minutes' model turns
/// are read row by row; everything else is counted in the database.
/// </summary>
public sealed class StudyDashboardQuery(PlatformDbContext db, IStudyAccess access, StudyConfigCache configs, TimeProvider time)
{
    /// <summary>How many minutes of throughput the sparkline shows.</summary>
    public const int ThroughputMinutes = 15;

    /// <summary>Characters per token used to estimate output tokens from saved reply text.</summary>
    public const double CharactersPerToken = 4;

    /// <summary>Rows in the recent sessions table.</summary>
    public const int RecentCount = 20;

    /// <summary>The overview of a study <paramref name="user"/> may manage; 404 problem otherwise.</summary>
    public async Task<StudyDashboard> GetAsync(ClaimsPrincipal user, Guid studyId, CancellationToken ct = default)
    {
        var study = await access.GetManagedAsync(db, user, studyId, ct);
        var now = time.GetUtcNow();
        var version = await db.StudyVersions.AsNoTracking().Where(v => v.StudyId == studyId)
            .OrderByDescending(v => v.Number).Select(v => new { v.Id, v.Number }).FirstOrDefaultAsync(ct);
        var config = version is null ? null : await configs.GetAsync(db, version.Id, ct);
        var sessions = db.Sessions.AsNoTracking().Where(s => s.StudyId == studyId);

        var groups = await sessions.GroupBy(s => new { s.ConditionKey, s.StageIndex, s.Status })
            .Select(g => new { g.Key.ConditionKey, g.Key.StageIndex, g.Key.Status, Count = g.Count() })
            .ToListAsync(ct);
        var byStage = groups.Select(g => new ConditionStageCount(g.ConditionKey, g.StageIndex, g.Status, g.Count))
            .OrderBy(g => g.Condition, StringComparer.Ordinal).ThenBy(g => g.StageIndex).ToList();
        int Count(SessionStatus status) => groups.Where(g => g.Status == status).Sum(g => g.Count);
        var counts = new SessionCounts(Count(SessionStatus.InProgress), Count(SessionStatus.Completed),
            Count(SessionStatus.Abandoned), Count(SessionStatus.Withdrawn));

        var spans = await sessions.Where(s => s.Status == SessionStatus.Completed && s.CompletedAt != null)
            .Select(s => new { s.StartedAt, s.CompletedAt }).ToListAsync(ct);
        var seconds = spans.Select(s => (s.CompletedAt!.Value - s.StartedAt).TotalSeconds).Order().ToList();

        var modelTurns = db.Turns.AsNoTracking().Where(t => t.Role == TurnRole.Model)
            .Join(sessions, t => t.SessionId, s => s.Id, (t, s) => t);
        // One pass over the study's model turns for both counts (the largest read of the snapshot).
        var turnCounts = await modelTurns.GroupBy(t => 1)
            .Select(g => new { All = g.Count(), Failed = g.Count(t => t.FinishReason == "error") })
            .SingleOrDefaultAsync(ct);
        var (generations, failedTurns) = (turnCounts?.All ?? 0, turnCounts?.Failed ?? 0);

        var since = Minute(now).AddMinutes(-(ThroughputMinutes - 1));
        var lately = await modelTurns.Where(t => t.CreatedAt >= since.AddMinutes(-5))
            .Select(t => new { t.CreatedAt, t.TotalMs, Length = t.Text.Length }).ToListAsync(ct);
        var throughput = Enumerable.Range(0, ThroughputMinutes).Select(i =>
        {
            var minute = since.AddMinutes(i);
            var chars = lately.Where(t => Minute(t.CreatedAt.AddMilliseconds(t.TotalMs ?? 0)) == minute).Sum(t => t.Length);
            return new ThroughputPoint(minute, chars / CharactersPerToken / 60);
        }).ToList();

        var (latest, textless) = await RecentFailuresAsync(sessions, now, ct);
        var recent = await sessions.OrderByDescending(s => s.LastSeenAt).Take(RecentCount)
            .Select(s => new RecentSession(s.Id, s.ConditionKey, s.Status, s.StageIndex, s.StartedAt, s.LastSeenAt, s.CompletedAt))
            .ToListAsync(ct);

        return new StudyDashboard(study.Id, study.Slug, config?.Title ?? study.Slug, study.Status, version?.Number ?? 0,
            config?.Stages.Select(s => s.Key).ToList() ?? [], counts, byStage,
            new DurationSummary(seconds.Count, Median(seconds), seconds), throughput,
            new ErrorSummary(generations, failedTurns + textless, latest), recent, now);
    }

    /// <summary>
    /// Failures of the last hour from the server's <c>model.finish</c> events, which also record generations that
    /// failed before any text (no turn is saved for those). Only recently active sessions are read, so the
    /// token-heavy trace table is never scanned whole.
    /// </summary>
    private async Task<(IReadOnlyList<GenerationFailure> Latest, int WithoutText)> RecentFailuresAsync(
        IQueryable<Session> sessions, DateTimeOffset now, CancellationToken ct)
    {
        var hourAgo = now.AddHours(-1);
        var active = sessions.Where(s => s.LastSeenAt >= hourAgo).Select(s => s.Id);
        var finishes = await db.TraceEvents.AsNoTracking()
            .Where(e => active.Contains(e.SessionId) && e.Origin == TraceOrigin.Server && e.Type == "model.finish" && e.ServerTime >= hourAgo)
            .Select(e => new { e.SessionId, e.ServerTime, e.Payload }).ToListAsync(ct);
        var failures = new List<GenerationFailure>();
        foreach (var f in finishes)
        {
            using var payload = JsonDocument.Parse(f.Payload);
            var root = payload.RootElement;
            if (!root.TryGetProperty("reason", out var reason) || reason.GetString() != "error") continue;
            var turn = root.TryGetProperty("turnIndex", out var t) && t.TryGetInt32(out var i) ? i : -1;
            var error = root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
            failures.Add(new GenerationFailure(f.SessionId, turn, f.ServerTime, error));
        }
        if (failures.Count == 0) return ([], 0);
        // Failures that left text are model turns with FinishReason "error" and are counted there already.
        var ids = failures.Select(f => f.SessionId).Distinct().ToList();
        var saved = (await db.Turns.AsNoTracking().Where(t => ids.Contains(t.SessionId) && t.Role == TurnRole.Model)
            .Select(t => new { t.SessionId, t.Index }).ToListAsync(ct)).ToHashSet();
        var textless = failures.Count(f => !saved.Contains(new { f.SessionId, Index = f.TurnIndex }));
        return (failures.OrderByDescending(f => f.At).Take(10).ToList(), textless);
    }

    private static DateTimeOffset Minute(DateTimeOffset t)
    {
        var u = t.ToUniversalTime();
        return new DateTimeOffset(u.Year, u.Month, u.Day, u.Hour, u.Minute, 0, TimeSpan.Zero);
    }

    private static TimeSpan? Median(IReadOnlyList<double> sorted) => sorted.Count == 0
        ? null
        : TimeSpan.FromSeconds(sorted.Count % 2 == 1
            ? sorted[sorted.Count / 2]
            : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2);
}
