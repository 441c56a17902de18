using System.Security.Claims;
using System.Text.Json;
using InteractionLab.Api.Data;
using InteractionLab.Api.Sessions;
using InteractionLab.Api.Staff;
using InteractionLab.Domain;
using InteractionLab.Domain.Dialogue;
using InteractionLab.Domain.Monitoring;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Tracing;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Monitoring;

/// <summary>
/// Loads one session for the per-session view and turns its turns, answers and trace events into a
/// <see cref="SessionReplay"/>. The platform records no stage-entry events, so stages on the timeline are
/// inferred from what was saved in them (messages in the task stage, answers in survey stages, completion).
/// </summary>
public sealed class SessionDetailQuery(PlatformDbContext db, IStudyAccess access, StudyConfigCache configs)
{
    /// <summary>The session if it belongs to a study <paramref name="user"/> may manage; 404 problem otherwise.</summary>
    public async Task<SessionDetail> GetAsync(ClaimsPrincipal user, Guid studyId, SessionId sessionId, CancellationToken ct = default)
    {
        var study = await access.GetManagedAsync(db, user, studyId, ct);
        var session = await db.Sessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId && s.StudyId == studyId, ct)
            ?? throw new PlatformProblemException(404, "Session not found", $"Study '{study.Slug}' has no session {sessionId}.");
        var version = await db.StudyVersions.AsNoTracking().Where(v => v.Id == session.StudyVersionId).Select(v => v.Number).SingleAsync(ct);
        var config = await configs.GetAsync(db, session.StudyVersionId, ct);
        var ids = await db.ParticipantExternalIds.AsNoTracking()
            .Where(x => x.StudyId == studyId && x.ParticipantId == session.ParticipantId)
            .Select(x => new { x.Source, x.ExternalParticipantId, x.ExternalSessionId }).ToListAsync(ct);
        var reveal = await RecruitmentIdVisibility.RevealsAsync(access, db, user, studyId, ct);
        var turns = await db.Turns.AsNoTracking().Where(t => t.SessionId == sessionId).OrderBy(t => t.Index)
            .Select(t => new TranscriptTurn(t.Index, t.Role, t.Text, t.CreatedAt, t.FirstTokenMs, t.TotalMs, t.FinishReason, t.Model, t.StageKey))
            .ToListAsync(ct);
        var answers = await db.SurveyResponses.AsNoTracking().Where(r => r.SessionId == sessionId).OrderBy(r => r.Id)
            .Select(r => new AnswerRow(r.StageKey, r.ItemKey, r.TurnIndex, r.Value, r.SubmittedAt)).ToListAsync(ct);
        var events = await db.TraceEvents.AsNoTracking().Where(e => e.SessionId == sessionId)
            .OrderBy(e => e.Origin).ThenBy(e => e.Sequence).ToListAsync(ct);

        var stage = config.Stages[Math.Clamp(session.StageIndex, 0, config.Stages.Count - 1)].Key;
        var taskStage = config.Stages.FirstOrDefault(s => s.Kind == StageKind.Task)?.Key;
        var timeline = new List<ReplayEvent> { new(session.StartedAt, ReplayEventKind.SessionStarted, "session.started") };
        timeline.AddRange(turns.Where(t => t.Role == TurnRole.Participant).Select(t =>
            new ReplayEvent(t.CreatedAt, ReplayEventKind.ParticipantMessage, "turn.participant", t.Index, t.Text, t.Stage ?? taskStage)));
        timeline.AddRange(answers.Select(a =>
            new ReplayEvent(a.SubmittedAt, ReplayEventKind.SurveyAnswer, "survey.answer", a.TurnIndex, a.Value, a.Stage,
                a.TurnIndex is { } turn ? $"{a.Item}#{turn}" : a.Item)));
        timeline.AddRange(events.Select(ToReplay));
        if (session.CompletedAt is { } done)
            timeline.Add(new ReplayEvent(done, ReplayEventKind.SessionCompleted, "session.completed", Stage: stage));

        return new SessionDetail(session.Id, studyId, study.Slug, session.ConditionKey, version, session.ConfigHash,
            session.Status, stage, session.StartedAt, session.LastSeenAt, session.CompletedAt,
            ids.Select(x => new RecruitmentIdView(x.Source, RecruitmentIdVisibility.Show(x.ExternalParticipantId, reveal),
                x.ExternalSessionId is null ? null : RecruitmentIdVisibility.Show(x.ExternalSessionId, reveal), !reveal)).ToList(),
            turns, answers, SessionReplay.From(timeline), config.Stages.ToDictionary(s => s.Key, s => s.Title, StringComparer.Ordinal));
    }

    /// <summary>A stored trace event as a timeline entry: browser events on the browser's clock, server events on the server's.</summary>
    internal static ReplayEvent ToReplay(TraceEvent e)
    {
        using var doc = JsonDocument.Parse(e.Payload);
        var p = doc.RootElement;
        string? Str(string name) => p.ValueKind == JsonValueKind.Object && p.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        int? Int(string name) => p.ValueKind == JsonValueKind.Object && p.TryGetProperty(name, out var v) && v.TryGetInt32(out var i) ? i : null;
        if (e.Origin == TraceOrigin.Server)
            return e.Type switch
            {
                "model.request-sent" => new(e.ServerTime, ReplayEventKind.ReplyRequested, e.Type, Int("turnIndex"), Stage: e.StageKey),
                "model.token" => new(e.ServerTime, ReplayEventKind.ReplyToken, e.Type, Int("turnIndex"), Str("text"), e.StageKey),
                "model.finish" => new(e.ServerTime, ReplayEventKind.ReplyFinished, e.Type, Int("turnIndex"), Stage: e.StageKey, Detail: Str("reason")),
                _ => new(e.ServerTime, ReplayEventKind.ServerEvent, e.Type, Int("turnIndex"), Stage: e.StageKey),
            };
        var at = e.ClientTimeMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : e.ServerTime;
        var kind = e.Type switch
        {
            "window.blur" or "page.unload" => ReplayEventKind.PageHidden,
            "window.focus" or "page.load" => ReplayEventKind.PageShown,
            "visibility.change" => Str("state") == "hidden" ? ReplayEventKind.PageHidden : ReplayEventKind.PageShown,
            _ => ReplayEventKind.ClientEvent,
        };
        var detail = e.Payload.Length > 120 ? e.Payload[..120] + "…" : e.Payload;
        return new ReplayEvent(at, kind, e.Type, Detail: detail == "{}" ? null : detail);
    }
}
