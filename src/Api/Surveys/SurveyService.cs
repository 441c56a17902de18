using InteractionLab.Api.Data;
using InteractionLab.Api.Sessions;
using InteractionLab.Domain;
using InteractionLab.Domain.Dialogue;
using InteractionLab.Domain.Sessions;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Surveys;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Surveys;

/// <summary>
/// Saves a survey stage's answers and moves the participant on, all in one save: either every answer is stored
/// and the stage completed, or (on any validation error) nothing is.
/// </summary>
public sealed class SurveyService(
    PlatformDbContext db, StudyConfigCache configs, ParticipantSessionService sessions, TimeProvider time)
{
    /// <summary>
    /// Validates and saves the answers of <paramref name="stageKey"/>. A re-submit of a stage already passed is
    /// a no-op; invalid answers raise a 400 problem whose errors are keyed by item.
    /// </summary>
    public Task<SessionView> SubmitAsync(SessionId id, string stageKey, IReadOnlyList<SurveyAnswer> answers, CancellationToken ct = default) =>
        SubmitAsync(id, stageKey, answers, timedOut: false, ct);

    /// <summary>
    /// Validates and saves the answers of <paramref name="stageKey"/>. With <paramref name="timedOut"/> (the stage's
    /// time limit ran out, checked on the server's clock) what was filled in is saved and every unanswered required
    /// question is stored as timed out. Before the stage's minimum time the submission is refused (409). Attention
    /// checks are scored here; one failure more than the study tolerates ends the session as screened out.
    /// </summary>
    public async Task<SessionView> SubmitAsync(SessionId id, string stageKey, IReadOnlyList<SurveyAnswer> answers, bool timedOut, CancellationToken ct = default)
    {
        var session = await db.Sessions.SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw PlatformProblemException.SessionNotFound();
        var config = await configs.GetAsync(db, session.StudyVersionId, ct);
        var index = ParticipantSessionService.IndexOfStage(config, stageKey);
        var stage = config.Stages[index];
        if (stage.Kind != StageKind.Survey || stage.Survey is null)
            throw PlatformProblemException.BadInput($"Stage '{stageKey}' is not a survey.");
        var ending = StageRules.Ending(session.Status, session.StageIndex, index);
        if (ending == StageEnding.AlreadyPassed)
            return await sessions.GetSessionAsync(id, ct);
        if (ending == StageEnding.NotReached)
            throw PlatformProblemException.Conflict($"Survey '{stageKey}' is not reached yet.");
        var now = time.GetUtcNow();
        ParticipantSessionService.CheckTiming(session, stage, timedOut, now);

        answers ??= [];
        var modelTurns = (await db.Turns.Where(t => t.SessionId == id && t.Role == TurnRole.Model).Select(t => t.Index).ToListAsync(ct)).ToHashSet();
        var errors = SurveyAnswerValidator.Validate(stage.Survey, answers, modelTurns, timedOut);
        if (errors.Count > 0)
            throw new PlatformProblemException(400, "Some answers need attention",
                $"{errors.Count} question(s) of '{stage.Title}' need attention; nothing was saved.", errors);

        foreach (var answer in answers.Where(a => !(timedOut && string.IsNullOrWhiteSpace(a.Value))))
            db.SurveyResponses.Add(new SurveyResponse
            {
                SessionId = id, StageKey = stageKey, ItemKey = answer.ItemKey, TurnIndex = answer.TurnIndex,
                Value = answer.Value, SubmittedAt = now,
            });
        var events = new List<(string, object)>();
        var shown = ParticipantSessionService.Ordered(stage, session).Survey!.Items;
        if (stage.ItemOrder != ItemOrder.Fixed)
            events.Add(("survey.item-order", new { stage = stageKey, order = stage.ItemOrder.ToString(), items = shown.Select(i => i.Key) }));
        if (timedOut)
        {
            var missing = stage.Survey.Items.Where(i => i.Required && i.Kind != SurveyItemKind.TurnMark
                && !answers.Any(a => a.ItemKey == i.Key && !string.IsNullOrWhiteSpace(a.Value))).ToList();
            foreach (var item in missing)
                db.SurveyResponses.Add(new SurveyResponse
                {
                    SessionId = id, StageKey = stageKey, ItemKey = item.Key, Value = "", TimedOut = true, SubmittedAt = now,
                });
            events.Add(ParticipantSessionService.TimedOutEvent(session, stage, now));
        }
        var failed = stage.Survey.Items.Where(i => SurveyScoring.PassesAttentionCheck(i,
            answers.FirstOrDefault(a => a.ItemKey == i.Key && !string.IsNullOrWhiteSpace(a.Value))?.Value) == false).ToList();
        foreach (var item in failed)
            events.Add(("attention-check.failed", new { stage = stageKey, item = item.Key }));
        session.FailedAttentionChecks += failed.Count;
        if (config.Recruitment.MaxFailedAttentionChecks is { } tolerated && session.FailedAttentionChecks > tolerated)
        {
            // The answers are kept (they are data too), but the participant goes no further.
            session.Status = SessionStatus.ScreenedOut;
            session.CompletionCode = config.Recruitment.ScreenOutCode;
            session.LastSeenAt = now;
            events.Add(("session.screened-out", new { stage = stageKey, failedAttentionChecks = session.FailedAttentionChecks }));
        }
        else
        {
            ParticipantSessionService.Advance(session, config, now);
        }
        await ServerEvents.AddAsync(db, id, now, events, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A double submit may have raced this one and won (the unique key refused the copy): then this is a
            // re-submit and the outcome is the same. Anything else is a real failure. The refused rows stay unsaved
            // in this operation's context (one hub call or journey step), which nothing saves again.
            if (!await db.SurveyResponses.AnyAsync(r => r.SessionId == id && r.StageKey == stageKey, ct)) throw;
        }
        return await sessions.GetSessionAsync(id, ct);
    }
}
