using InteractionLab.Api.Data;
using InteractionLab.Api.Replies;
using InteractionLab.Api.Sessions;
using InteractionLab.Domain;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.MoralGraph.Interview;

/// <summary>Finds the interview stage a session is on and opens the session's one model call on one of its chats.</summary>
internal sealed class InterviewStages(IDbContextFactory<PlatformDbContext> dbFactory, StudyConfigCache configs, ReplyRunner runner)
{
    /// <summary>The session's current stage, when it is the interview stage <paramref name="stageKey"/> (409 otherwise).</summary>
    public async Task<InterviewStage> CurrentAsync(PlatformDbContext db, SessionId id, string stageKey, CancellationToken ct)
    {
        var session = await db.Sessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw PlatformProblemException.SessionNotFound();
        if (session.Status != SessionStatus.InProgress) throw PlatformProblemException.Conflict("This session is finished.");
        var config = await configs.GetAsync(db, session.StudyVersionId, ct);
        var stage = config.Stages[session.StageIndex];
        if (stage.Key != stageKey || stage.Task?.Type != MoralInterviewTask.TaskKey)
            throw PlatformProblemException.Conflict("This step of the study is over; the interview is closed.");
        var condition = config.Conditions.Single(c => c.Key == session.ConditionKey);
        var model = InterviewService.InterviewerModel(stage.Task, condition);
        return new InterviewStage(session, stage, stage.Task, condition, model, InterviewService.UsesFallback(stage.Task, model));
    }

    /// <summary>Opens the session's model call on a chat of its own that is not submitted yet.</summary>
    public async Task<InterviewCall> OpenAsync(SessionId id, string stageKey, Guid chatId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stage = await CurrentAsync(db, id, stageKey, ct);
        var chat = await db.InterviewChats.AsNoTracking().SingleOrDefaultAsync(c => c.Id == chatId && c.SessionId == id && c.StageKey == stageKey, ct)
            ?? throw PlatformProblemException.BadInput("This interview does not belong to your session.");
        if (chat.SubmittedAt is not null) throw PlatformProblemException.Conflict("This card is submitted; start another interview to articulate another value.");
        return new InterviewCall(runner.Open(id, "Wait for the interviewer to finish before sending again."), stage, chat);
    }
}
