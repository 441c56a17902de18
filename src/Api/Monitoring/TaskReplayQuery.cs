using System.Security.Claims;
using InteractionLab.Api.Data;
using InteractionLab.Api.Sessions;
using InteractionLab.Api.Staff;
using InteractionLab.Api.Stimuli;
using InteractionLab.Api.Tasks;
using InteractionLab.Domain;
using InteractionLab.Domain.Tracing;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Monitoring;

/// <summary>
/// What the replay needs to show each task's own state at any moment: the task stages of the session's frozen version,
/// each with its recorded task events and its stimuli. The state itself is rebuilt by the task's own replay (for the
/// crossword, <c>CrosswordGrid.Replay</c>), so the replay shows what the participant saw and what was scored.
/// </summary>
public sealed class TaskReplayQuery(PlatformDbContext db, IStudyAccess access, StudyConfigCache configs, StimulusStore stimuli)
{
    /// <summary>The session's task stages, if the session belongs to a study <paramref name="user"/> manages; 404 problem otherwise.</summary>
    public async Task<IReadOnlyList<TaskReplayStage>> GetAsync(ClaimsPrincipal user, Guid studyId, SessionId sessionId, CancellationToken ct = default)
    {
        var study = await access.GetManagedAsync(db, user, studyId, ct);
        var version = await db.Sessions.AsNoTracking().Where(s => s.Id == sessionId && s.StudyId == studyId).Select(s => (Guid?)s.StudyVersionId).SingleOrDefaultAsync(ct)
            ?? throw new PlatformProblemException(404, "Session not found", $"Study '{study.Slug}' has no session {sessionId}.");
        var config = await configs.GetAsync(db, version, ct);
        var rows = await db.TraceEvents.AsNoTracking()
            .Where(e => e.SessionId == sessionId && e.Origin == TraceOrigin.Server && e.StageKey != null && !e.Type.StartsWith("model."))
            .OrderBy(e => e.Sequence).Select(e => new { e.StageKey, e.Sequence, e.Type, e.ServerTime, e.Payload }).ToListAsync(ct);
        var stages = new List<TaskReplayStage>();
        foreach (var stage in config.Stages.Where(s => s.Task is not null))
        {
            var events = rows.Where(r => r.StageKey == stage.Key)
                .Select(r => new TaskEventRecord(r.Sequence, r.Type, r.ServerTime, TaskEventLog.Parse(r.Payload))).ToList();
            var set = stage.Task!.Stimuli is { } key ? await stimuli.GetAsync(key, ct) : null;
            stages.Add(new TaskReplayStage(stage.Key, stage.Title, stage.Task.Type, events, set));
        }
        return stages;
    }
}
