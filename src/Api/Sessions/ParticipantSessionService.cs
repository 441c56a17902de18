using InteractionLab.Api.Data;
using InteractionLab.Api.Dialogue;
using InteractionLab.Domain;
using InteractionLab.Domain.Assignment;
using InteractionLab.Domain.Studies;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Sessions;

/// <summary>
/// A participant's way through a study: landing, consent (assignment or resume), current state and stage
/// progression. The SignalR hub, the consent endpoint and the Blazor pages all call this one service.
/// </summary>
public sealed class ParticipantSessionService(
    PlatformDbContext db,
    StudyConfigCache configs,
    IStudyLock studyLock,
    ActiveReplies activeReplies,
    TimeProvider time)
{
    /// <summary>Source name stored for Prolific ids.</summary>
    public const string ProlificSource = "prolific";

    /// <summary>Title and consent text of an open (or paused/closed) study; 404 problem when unknown.</summary>
    public async Task<StudyLanding> GetLandingAsync(string slug, CancellationToken ct = default)
    {
        var (study, version) = await FindStudyAsync(slug, ct);
        var config = await configs.GetAsync(db, version.Id, ct);
        var consent = config.Stages.FirstOrDefault(s => s.Kind == StageKind.Consent);
        return new StudyLanding(study.Slug, config.Title, consent?.Title ?? "Consent", consent?.Body ?? "", study.Status);
    }

    /// <summary>
    /// Records consent. Resumes the session named by the cookie or by the same PROLIFIC_PID and SESSION_ID (409
    /// for the PID with anything else); otherwise assigns
    /// the least-filled condition (serialised per study) and creates a session frozen to the current version.
    /// </summary>
    public async Task<ConsentResult> ConsentAsync(string slug, ProlificIds ids, SessionId? fromCookie, CancellationToken ct = default)
    {
        var problems = ids.Problems();
        if (problems.Count > 0)
            throw PlatformProblemException.BadInput("The study link is malformed: " + string.Join(" ", problems));
        var (study, version) = await FindStudyAsync(slug, ct);

        if (await FindResumableAsync(study.Id, ids, fromCookie, ct) is { } resumed) return resumed;
        if (study.Status != StudyStatus.Open)
            throw PlatformProblemException.Conflict(study.Status switch
            {
                StudyStatus.Paused => "This study is paused and is not accepting new participants at the moment. Please try again later.",
                StudyStatus.Closed => "This study is closed and no longer accepts participants. Thank you for your interest.",
                _ => "This study is not accepting participants at the moment.",
            });

        var config = await configs.GetAsync(db, version.Id, ct);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await using var held = await studyLock.EnterAsync(db, study.Id, ct);
            // A concurrent consent with the same worker id may have won while we waited for the lock.
            if (await FindResumableAsync(study.Id, ids, null, ct) is { } raced) return raced;

            var now = time.GetUtcNow();
            var abandonBefore = now - TimeSpan.FromMinutes(config.Assignment.AbandonAfterMinutes);
            // Reclaim slots of silent sessions; the participant can still come back and resume later.
            await db.Sessions
                .Where(s => s.StudyId == study.Id && s.Status == SessionStatus.InProgress && s.LastSeenAt < abandonBefore)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SessionStatus.Abandoned), ct);
            var counts = await db.Sessions
                .Where(s => s.StudyId == study.Id && (s.Status == SessionStatus.InProgress || s.Status == SessionStatus.Completed))
                .GroupBy(s => s.ConditionKey)
                .Select(g => new { Key = g.Key, Count = g.Count() })
                .ToListAsync(ct);
            var loads = counts.SelectMany(c => Enumerable.Repeat(new SessionLoad(c.Key, SessionStatus.Completed, now), c.Count));
            var condition = BalancedAssignment.Choose(config.Conditions, loads, now, TimeSpan.FromMinutes(config.Assignment.AbandonAfterMinutes), Random.Shared);

            var participant = new Participant { CreatedAt = now };
            db.Participants.Add(participant);
            if (ids.ParticipantId is not null)
                db.ParticipantExternalIds.Add(new ParticipantExternalId
                {
                    StudyId = study.Id, ParticipantId = participant.Id, Source = ProlificSource,
                    ExternalParticipantId = ids.ParticipantId, ExternalStudyId = ids.StudyId, ExternalSessionId = ids.SessionId,
                });
            var scenarios = config.Stages.FirstOrDefault(s => s.Task?.Scenarios is { Count: > 0 })?.Task?.Scenarios;
            var session = new Session
            {
                StudyId = study.Id, StudyVersionId = version.Id, ParticipantId = participant.Id,
                ConfigHash = version.ConfigHash, ConditionKey = condition.Key,
                ScenarioIndex = scenarios is null ? 0 : Random.Shared.Next(scenarios.Count),
                StageIndex = FirstStageAfterConsent(config), StartedAt = now, LastSeenAt = now,
            };
            db.Sessions.Add(session);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return new ConsentResult(session.Id, Resumed: false);
        });
    }

    /// <summary>The session as it stands; 404 problem when it does not exist.</summary>
    public async Task<SessionView> GetSessionAsync(SessionId id, CancellationToken ct = default)
    {
        var session = await db.Sessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct)
            ?? throw PlatformProblemException.SessionNotFound();
        return await BuildViewAsync(session, ct);
    }

    /// <summary>
    /// Marks a stage done and moves to the next. Idempotent: a stage already passed is a no-op. Entering the
    /// debrief completes the session (status, code) in the same save, so the code exists only once saved.
    /// </summary>
    public async Task<SessionView> CompleteStageAsync(SessionId id, string stageKey, CancellationToken ct = default)
    {
        var session = await db.Sessions.SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw PlatformProblemException.SessionNotFound();
        var config = await configs.GetAsync(db, session.StudyVersionId, ct);
        var index = IndexOfStage(config, stageKey);
        if (session.Status == SessionStatus.Completed || index < session.StageIndex) return await BuildViewAsync(session, ct);
        if (index > session.StageIndex)
            throw PlatformProblemException.Conflict($"Stage '{stageKey}' is not reached yet; finish '{config.Stages[session.StageIndex].Key}' first.");

        var stage = config.Stages[index];
        if (stage.Kind == StageKind.Survey)
            throw PlatformProblemException.Conflict("Submit the answers of this survey to continue.");
        if (stage.Kind == StageKind.Task)
        {
            if (activeReplies.IsActive(id)) throw PlatformProblemException.Conflict("Wait for the reply to finish before moving on.");
            var participantTurns = await db.Turns.CountAsync(t => t.SessionId == id && t.Role == Domain.Dialogue.TurnRole.Participant, ct);
            var minTurns = stage.Task?.MinTurns ?? 0;
            if (participantTurns < minTurns)
                throw PlatformProblemException.Conflict($"Send at least {minTurns} message(s) before finishing (you sent {participantTurns}).");
        }
        Advance(session, config, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return await BuildViewAsync(session, ct);
    }

    /// <summary>Moves past the current stage, completing the session on reaching the debrief or the end.</summary>
    internal static void Advance(Session session, StudyConfig config, DateTimeOffset now)
    {
        session.StageIndex = Math.Min(session.StageIndex + 1, config.Stages.Count - 1);
        session.LastSeenAt = now;
        var reachedEnd = config.Stages[session.StageIndex].Kind == StageKind.Debrief || session.StageIndex == config.Stages.Count - 1;
        if (reachedEnd && session.Status != SessionStatus.Completed)
        {
            session.Status = SessionStatus.Completed;
            session.CompletedAt = now;
            session.CompletionCode = string.IsNullOrEmpty(config.Recruitment.CompletionCode)
                ? Convert.ToHexString(Guid.NewGuid().ToByteArray())[..8]
                : config.Recruitment.CompletionCode;
        }
    }

    /// <summary>Index of a stage by key; 400 problem when the study has no such stage.</summary>
    internal static int IndexOfStage(StudyConfig config, string stageKey)
    {
        for (var i = 0; i < config.Stages.Count; i++)
            if (config.Stages[i].Key == stageKey) return i;
        throw PlatformProblemException.BadInput($"This study has no stage '{stageKey}'.");
    }

    /// <summary>
    /// The caller's own session: the one named by the cookie, or the PID's session when the Prolific SESSION_ID
    /// matches too (the same submission's link). A known PID without either is refused, never given a second session.
    /// </summary>
    private async Task<ConsentResult?> FindResumableAsync(Guid studyId, ProlificIds ids, SessionId? fromCookie, CancellationToken ct)
    {
        Session? session = null;
        if (fromCookie is { } cookieId)
            session = await db.Sessions.SingleOrDefaultAsync(s => s.Id == cookieId && s.StudyId == studyId, ct);
        if (session is null && ids.ParticipantId is { } pid)
        {
            var known = await db.ParticipantExternalIds
                .Where(x => x.StudyId == studyId && x.Source == ProlificSource && x.ExternalParticipantId == pid)
                .Select(x => new { x.ParticipantId, x.ExternalSessionId }).SingleOrDefaultAsync(ct);
            if (known is null) return null;
            session = await db.Sessions.Where(s => s.StudyId == studyId && s.ParticipantId == known.ParticipantId)
                .OrderByDescending(s => s.StartedAt).FirstOrDefaultAsync(ct);
            var sameSubmission = ids.SessionId is not null && ids.SessionId == known.ExternalSessionId;
            if (!sameSubmission)
                throw session?.Status == SessionStatus.Completed
                    ? PlatformProblemException.AlreadyCompleted()
                    : PlatformProblemException.AlreadyTakenPart();
        }
        if (session is null) return null;
        // A withdrawn participant keeps their PID: refusing beats silently starting them over.
        if (session.Status == SessionStatus.Withdrawn)
            return ids.ParticipantId is null ? null : throw PlatformProblemException.AlreadyTakenPart();
        if (session.Status == SessionStatus.Abandoned) session.Status = SessionStatus.InProgress;
        session.LastSeenAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return new ConsentResult(session.Id, Resumed: true);
    }

    private async Task<(Study Study, StudyVersion Version)> FindStudyAsync(string slug, CancellationToken ct)
    {
        var study = await db.Studies.AsNoTracking().SingleOrDefaultAsync(s => s.Slug == slug, ct)
            ?? throw PlatformProblemException.StudyNotFound(slug);
        var version = await db.StudyVersions.AsNoTracking().Where(v => v.StudyId == study.Id)
            .OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct)
            ?? throw PlatformProblemException.Conflict("This study has no published version yet.");
        return (study, version);
    }

    private static int FirstStageAfterConsent(StudyConfig config)
    {
        var i = 0;
        while (i < config.Stages.Count - 1 && config.Stages[i].Kind == StageKind.Consent) i++;
        return i;
    }

    private async Task<SessionView> BuildViewAsync(Session session, CancellationToken ct)
    {
        var config = await configs.GetAsync(db, session.StudyVersionId, ct);
        var slug = await db.Studies.Where(s => s.Id == session.StudyId).Select(s => s.Slug).SingleAsync(ct);
        var turns = await db.Turns.AsNoTracking().Where(t => t.SessionId == session.Id).OrderBy(t => t.Index)
            .Select(t => new TurnView(t.Index, t.Role, t.Text, t.FinishReason, t.StoppedByParticipant)).ToListAsync(ct);
        var condition = config.Conditions.FirstOrDefault(c => c.Key == session.ConditionKey);
        var stage = config.Stages[Math.Clamp(session.StageIndex, 0, config.Stages.Count - 1)];
        var scenarios = config.Stages.FirstOrDefault(s => s.Task?.Scenarios is { Count: > 0 })?.Task?.Scenarios;
        var completion = session.Status == SessionStatus.Completed && session.CompletionCode is { } code
            ? new CompletionView(code, RedirectFor(config.Recruitment.ProlificCompletionUrl, code))
            : null;
        return new SessionView(session.Id, slug, config.Title, session.Status, session.StageIndex, config.Stages.Count, stage,
            condition?.ParticipantLabel ?? "Chatbot", scenarios?[Math.Clamp(session.ScenarioIndex, 0, scenarios.Count - 1)],
            turns, activeReplies.IsActive(session.Id), completion);
    }

    private static string? RedirectFor(string? baseUrl, string code) => string.IsNullOrWhiteSpace(baseUrl)
        ? null
        : baseUrl + (baseUrl.Contains('?') ? "&" : "?") + "cc=" + Uri.EscapeDataString(code);
}
