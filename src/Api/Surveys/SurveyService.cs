using InteractionLab.Api.Data;
using InteractionLab.Api.Sessions;
using InteractionLab.Domain;
using InteractionLab.Domain.Dialogue;
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
    public async Task<SessionView> SubmitAsync(SessionId id, string stageKey, IReadOnlyList<SurveyAnswer> answers, CancellationToken ct = default)
    {
        var session = await db.Sessions.SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw PlatformProblemException.SessionNotFound();
        var config = await configs.GetAsync(db, session.StudyVersionId, ct);
        var index = ParticipantSessionService.IndexOfStage(config, stageKey);
        var stage = config.Stages[index];
        if (stage.Kind != StageKind.Survey || stage.Survey is null)
            throw PlatformProblemException.BadInput($"Stage '{stageKey}' is not a survey.");
        if (session.Status == SessionStatus.Completed || index < session.StageIndex)
            return await sessions.GetSessionAsync(id, ct);
        if (index > session.StageIndex)
            throw PlatformProblemException.Conflict($"Survey '{stageKey}' is not reached yet.");

        var modelTurns = (await db.Turns.Where(t => t.SessionId == id && t.Role == TurnRole.Model).Select(t => t.Index).ToListAsync(ct)).ToHashSet();
        var errors = SurveyAnswerValidator.Validate(stage.Survey, answers ?? [], modelTurns);
        if (errors.Count > 0)
            throw new PlatformProblemException(400, "Some answers need attention",
                $"{errors.Count} question(s) of '{stage.Title}' need attention; nothing was saved.", errors);

        var now = time.GetUtcNow();
        foreach (var answer in answers!)
            db.SurveyResponses.Add(new SurveyResponse
            {
                SessionId = id, StageKey = stageKey, ItemKey = answer.ItemKey, TurnIndex = answer.TurnIndex,
                Value = answer.Value, SubmittedAt = now,
            });
        ParticipantSessionService.Advance(session, config, now);
        await db.SaveChangesAsync(ct);
        return await sessions.GetSessionAsync(id, ct);
    }
}
