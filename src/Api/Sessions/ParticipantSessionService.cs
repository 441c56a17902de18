using InteractionLab.Api.Data;
using InteractionLab.Api.Replies;
using InteractionLab.Api.Tasks;
using InteractionLab.Domain;
using InteractionLab.Domain.Assignment;
using InteractionLab.Domain.Sessions;
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
    Microsoft.Extensions.Options.IOptions<ReplyOptions> replyOptions,
    TaskCatalog tasks,
    TaskEventLog taskEvents,
    Stimuli.StimulusStore stimuli,
    ReturningParticipants returning,
    TimeProvider time)
{
    /// <summary>Source name stored for Prolific ids.</summary>
    public const string ProlificSource = "prolific";

    /// <summary>Source name stored for MTurk ids.</summary>
    public const string MTurkSource = "mturk";

    /// <summary>Title of the study-full problem, so the consent endpoint can show its page.</summary>
    public const string StudyFullTitle = "Study full";
    /// <summary>Title of the refusal for a study that is paused, closed or still a draft.</summary>
    public const string NotOpenTitle = "Not accepting participants";

    /// <summary>Title of a refused URL-parameter assignment (missing or unknown condition in the link).</summary>
    public const string BadConditionLinkTitle = "Study link incomplete";

    /// <summary>Title of the refusal of a consent while an MTurk worker only previews the HIT.</summary>
    public const string PreviewTitle = "Preview only";

    // A real participant's session page reports in (its trace logger's first batch) within seconds of consent; a
    // consent that never loads the page is not holding a place for anyone, so it stops counting after this long.
    private static readonly TimeSpan SilentAfterConsent = TimeSpan.FromMinutes(2);

    /// <summary>Title and consent text of an open (or paused/closed) study; 404 problem when unknown.</summary>
    public async Task<StudyLanding> GetLandingAsync(string slug, CancellationToken ct = default)
    {
        var (study, version) = await FindStudyAsync(slug, ct);
        var config = await configs.GetAsync(db, version.Id, ct);
        var consent = config.Stages.FirstOrDefault(s => s.Kind == StageKind.Consent);
        return new StudyLanding(study.Slug, config.Title, consent?.Title ?? "Consent", consent?.Body ?? "", study.Status)
        {
            Recruitment = config.Recruitment,
            ConditionParameter = config.Assignment.Mode == AssignmentMode.UrlParameter ? config.Assignment.UrlParameter : null,
        };
    }

    /// <summary>Records consent from a link with only Prolific ids (see the <see cref="ParticipantLink"/> overload).</summary>
    public Task<ConsentResult> ConsentAsync(string slug, ProlificIds ids, SessionId? fromCookie, CancellationToken ct = default) =>
        ConsentAsync(slug, new ParticipantLink(ids, MTurkIds.None, new Dictionary<string, string>()), fromCookie, ct);

    /// <summary>
    /// Records consent. Resumes the session named by the cookie; a worker id already in the study without it is
    /// refused (<see cref="ReturningParticipants"/>); otherwise assigns a condition by the study's mode (serialised per
    /// study, full conditions skipped) and creates a session frozen to the current version, with a new resume code.
    /// Nothing is recorded for an MTurk preview, a bad condition link or a full study.
    /// </summary>
    public async Task<ConsentResult> ConsentAsync(string slug, ParticipantLink link, SessionId? fromCookie, CancellationToken ct = default)
    {
        var problems = link.Problems();
        if (problems.Count > 0)
            throw PlatformProblemException.BadInput("The study link is malformed: " + string.Join(" ", problems));
        if (link.MTurk.IsPreview)
            throw new PlatformProblemException(409, PreviewTitle, "You are previewing this HIT. Accept it on MTurk to take part; nothing was recorded.");
        var (study, version) = await FindStudyAsync(slug, ct);

        if (await returning.FindAsync(study.Id, link, fromCookie, ct) is { } resumed) return resumed;
        if (study.Status != StudyStatus.Open)
            throw new PlatformProblemException(409, NotOpenTitle, study.Status switch
            {
                StudyStatus.Paused => "This study is paused and is not accepting new participants at the moment. Please try again later.",
                StudyStatus.Closed => "This study is closed and no longer accepts participants. Thank you for your interest.",
                _ => "This study is not accepting participants at the moment.",
            });

        var config = await configs.GetAsync(db, version.Id, ct);
        var requested = link.Parameters.GetValueOrDefault(config.Assignment.UrlParameter);
        if (config.Assignment.Mode == AssignmentMode.UrlParameter && config.Conditions.All(c => c.Key != requested))
            throw BadConditionLink(requested);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await using var held = await studyLock.EnterAsync(db, study.Id, ct);
            // A concurrent consent with the same worker id may have won while we waited for the lock.
            if (await returning.FindAsync(study.Id, link, null, ct) is { } raced) return raced;

            var now = time.GetUtcNow();
            var abandonBefore = now - TimeSpan.FromMinutes(config.Assignment.AbandonAfterMinutes);
            var unclaimedBefore = now - SilentAfterConsent;
            // Reclaim slots of silent sessions, and of consents whose page never reported in (how a script would fill
            // the places); the participant can still come back and resume later.
            await db.Sessions
                .Where(s => s.StudyId == study.Id && s.Status == SessionStatus.InProgress
                    && (s.LastSeenAt < abandonBefore || (s.LastSeenAt == s.StartedAt && s.StartedAt < unclaimedBefore)))
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SessionStatus.Abandoned), ct);
            // Pilot (simulated) sessions never take a real participant's place.
            var load = await db.Sessions
                .Where(s => s.StudyId == study.Id && !s.IsSimulated && (s.Status == SessionStatus.InProgress || s.Status == SessionStatus.Completed))
                .GroupBy(s => s.ConditionKey)
                .Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
            var choice = ConditionChooser.Choose(config.Assignment, config.Conditions, load, requested, Random.Shared);
            if (choice.Condition is not { } condition)
                throw choice.Refusal == AssignmentRefusal.StudyFull ? StudyFull() : BadConditionLink(requested);
            var ordinal = await db.Sessions.CountAsync(s => s.StudyId == study.Id && !s.IsSimulated && s.ConditionKey == condition.Key, ct);

            var participant = new Participant { CreatedAt = now };
            db.Participants.Add(participant);
            if (link.Worker is { } worker)
                db.ParticipantExternalIds.Add(new ParticipantExternalId
                {
                    StudyId = study.Id, ParticipantId = participant.Id, Source = worker.Source,
                    ExternalParticipantId = worker.WorkerId, ExternalStudyId = worker.StudyId, ExternalSessionId = worker.SubmissionId,
                });
            var scenarios = await Tasks.SocialDialogue.DialogueScenarios.OfStudyAsync(config, stimuli, ct);
            var resumeCode = ResumeCode.Create();
            var session = new Session
            {
                ResumeCodeHash = ResumeCode.Hash(resumeCode),
                StudyId = study.Id, StudyVersionId = version.Id, ParticipantId = participant.Id,
                ConfigHash = version.ConfigHash, ConditionKey = condition.Key, ConditionOrdinal = ordinal,
                ScenarioIndex = scenarios.Count == 0 ? 0 : Random.Shared.Next(scenarios.Count),
                StageIndex = StageRules.FirstAfterConsent(config), StartedAt = now, LastSeenAt = now, StageStartedAt = now,
            };
            db.Sessions.Add(session);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return new ConsentResult(session.Id, Resumed: false, resumeCode);
        });
    }

    private static PlatformProblemException StudyFull() => new(409, StudyFullTitle,
        "This study is full: every place has been taken. Thank you for your interest.");

    private static PlatformProblemException BadConditionLink(string? requested) => new(400, BadConditionLinkTitle,
        requested is null or ""
            ? "This study link is missing a part that the study needs. Please open the link from your invitation again, copying all of it."
            : "This study link is not valid: part of it was changed. Please open the link from your invitation again, copying all of it.");

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
    public Task<SessionView> CompleteStageAsync(SessionId id, string stageKey, CancellationToken ct = default) =>
        CompleteStageAsync(id, stageKey, timedOut: false, ct);

    /// <summary>
    /// Marks a stage done; with <paramref name="timedOut"/> because its time limit ran out (accepted only once the
    /// server's clock agrees, recorded as a <c>stage.timed-out</c> event, and without the task's minimum turns).
    /// Before the stage's minimum time a completion is refused with 409.
    /// </summary>
    public async Task<SessionView> CompleteStageAsync(SessionId id, string stageKey, bool timedOut, CancellationToken ct = default)
    {
        var session = await db.Sessions.SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw PlatformProblemException.SessionNotFound();
        var config = await configs.GetAsync(db, session.StudyVersionId, ct);
        var index = IndexOfStage(config, stageKey);
        var ending = StageRules.Ending(session.Status, session.StageIndex, index);
        if (ending == StageEnding.AlreadyPassed) return await BuildViewAsync(session, ct);
        if (ending == StageEnding.NotReached)
            throw PlatformProblemException.Conflict($"Stage '{stageKey}' is not reached yet; finish '{config.Stages[session.StageIndex].Key}' first.");

        var stage = config.Stages[index];
        var now = time.GetUtcNow();
        if (stage.Kind == StageKind.Survey)
            throw PlatformProblemException.Conflict("Submit the answers of this survey to continue.");
        CheckTiming(session, stage, timedOut, now);
        if (timedOut)
        {
            if (activeReplies.IsActive(id)) throw PlatformProblemException.Conflict("Wait for the reply to finish before moving on.");
            await ServerEvents.AddAsync(db, id, now, [TimedOutEvent(session, stage, now)], ct);
        }
        else if (stage.Kind == StageKind.Task)
        {
            if (activeReplies.IsActive(id)) throw PlatformProblemException.Conflict("Wait for the reply to finish before moving on.");
            // Turns from before stages were stamped (no stage key) count for the stage they were sent in.
            var participantTurns = await db.Turns.CountAsync(t => t.SessionId == id && t.Role == Domain.Dialogue.TurnRole.Participant
                && (t.StageKey == stage.Key || t.StageKey == null), ct);
            var type = tasks.Get(stage.Task!.Type);
            var events = await taskEvents.ReadAsync(id, stage.Key, ct);
            if (type.CompletionProblem(new TaskStageRecord(stage, events, participantTurns)) is { } problem)
                throw PlatformProblemException.Conflict(problem);
        }
        Advance(session, config, now);
        await db.SaveChangesAsync(ct);
        return await BuildViewAsync(session, ct);
    }

    /// <summary>
    /// Refuses going on before the stage's minimum time, and a timed-out completion before its limit has passed
    /// (<see cref="StageRules.TimingProblem"/> on the server clock; the participant's clock is never trusted).
    /// </summary>
    internal static void CheckTiming(Session session, StageConfig stage, bool timedOut, DateTimeOffset now)
    {
        if (StageRules.TimingProblem(stage, now - (session.StageStartedAt ?? session.LastSeenAt), timedOut, session.IsSimulated) is { } problem)
            throw PlatformProblemException.Conflict(problem);
    }

    /// <summary>The <c>stage.timed-out</c> event.</summary>
    internal static (string, object) TimedOutEvent(Session session, StageConfig stage, DateTimeOffset now) =>
        ("stage.timed-out", new
        {
            stage = stage.Key, limitSeconds = stage.TimeLimitSeconds,
            elapsedSeconds = Math.Round((now - (session.StageStartedAt ?? now)).TotalSeconds, 3),
        });

    /// <summary>Moves past the current stage (<see cref="StageRules.Next"/>), completing the session on reaching the debrief or the end.</summary>
    internal static void Advance(Session session, StudyConfig config, DateTimeOffset now)
    {
        var next = StageRules.Next(config, session.StageIndex);
        session.StageIndex = next.Index;
        session.LastSeenAt = now;
        session.StageStartedAt = now;
        if (next.CompletesSession && session.Status != SessionStatus.Completed)
        {
            session.Status = SessionStatus.Completed;
            session.CompletedAt = now;
            session.CompletionCode = string.IsNullOrEmpty(config.Recruitment.CompletionCode)
                ? Convert.ToHexString(Guid.NewGuid().ToByteArray())[..8]
                : config.Recruitment.CompletionCode;
        }
    }

    /// <summary>Index of a stage by key; 400 problem when the study has no such stage.</summary>
    internal static int IndexOfStage(StudyConfig config, string stageKey) =>
        StageRules.IndexOf(config, stageKey) ?? throw PlatformProblemException.BadInput($"This study has no stage '{stageKey}'.");

    /// <summary>Continues the session of <paramref name="slug"/> whose resume code was typed (another device); 400 when none matches.</summary>
    public async Task<ConsentResult> ResumeAsync(string slug, string? code, CancellationToken ct = default)
    {
        var (study, _) = await FindStudyAsync(slug, ct);
        return await returning.ResumeAsync(study.Id, code, ct);
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

    private async Task<SessionView> BuildViewAsync(Session session, CancellationToken ct)
    {
        var config = await configs.GetAsync(db, session.StudyVersionId, ct);
        var slug = await db.Studies.Where(s => s.Id == session.StudyId).Select(s => s.Slug).SingleAsync(ct);
        // Once finished, whoever holds the cookie gets the code and the way back, never the transcript: a shared or
        // borrowed browser must not show what the participant wrote.
        var finished = session.Status is SessionStatus.Completed or SessionStatus.ScreenedOut;
        var now = time.GetUtcNow();
        var stored = finished ? [] : await db.Turns.AsNoTracking().Where(t => t.SessionId == session.Id).OrderBy(t => t.Index)
            .Select(t => new StoredTurn(t.Index, t.Role, t.Text, t.FinishReason, t.StoppedByParticipant, t.CreatedAt, t.TotalMs)).ToListAsync(ct);
        // A reply still being generated shows as the reply in progress (here or on another instance); one a crash left
        // generating shows as interrupted, with the text it had.
        var running = stored.LastOrDefault(t => t.FinishReason == ReplyStore.Generating
            && !ReplyStore.IsStale(t.CreatedAt, t.TotalMs, now, replyOptions.Value.StaleAfter));
        var turns = stored.Where(t => t != running)
            .Select(t => new TurnView(t.Index, t.Role, t.Text, t.FinishReason == ReplyStore.Generating ? ReplyStore.Interrupted : t.FinishReason,
                t.StoppedByParticipant)).ToList();
        var condition = config.Conditions.FirstOrDefault(c => c.Key == session.ConditionKey);
        var stage = Ordered(config.Stages[Math.Clamp(session.StageIndex, 0, config.Stages.Count - 1)], session);
        var scenarios = await Tasks.SocialDialogue.DialogueScenarios.OfStudyAsync(config, stimuli, ct);
        var completion = await CompletionAsync(session, config.Recruitment, ct);
        return new SessionView(session.Id, slug, config.Title, session.Status, session.StageIndex, config.Stages.Count, stage,
            condition?.ParticipantLabel ?? "Chatbot", Tasks.SocialDialogue.DialogueScenarios.Pick(scenarios, session.ScenarioIndex),
            turns, activeReplies.IsActive(session.Id) || running is not null, completion)
        {
            Clock = ClockOf(session, stage, now),
            PartialReply = finished ? null : activeReplies.PartialText(session.Id) ?? running?.Text,
        };
    }

    /// <summary>The stage with its survey questions in the order this participant sees them.</summary>
    internal static StageConfig Ordered(StageConfig stage, Session session) =>
        StageRules.Ordered(stage, session.ConditionOrdinal, session.Id.Value);

    private static StageClock? ClockOf(Session session, StageConfig stage, DateTimeOffset now)
    {
        if (session.Status != SessionStatus.InProgress || !StageRules.IsTimed(stage)) return null;
        var elapsed = now - (session.StageStartedAt ?? now);
        return new StageClock(StageRules.UntilNext(stage, elapsed), StageRules.Remaining(stage, elapsed));
    }

    // The platform hand-over (Prolific redirect, MTurk submit) is only for participants who came from that platform:
    // one who opened the plain link has no submission there to return to, so they get the code and stay.
    private async Task<CompletionView?> CompletionAsync(Session session, RecruitmentConfig recruitment, CancellationToken ct)
    {
        var screenedOut = session.Status == SessionStatus.ScreenedOut;
        if (!screenedOut && (session.Status != SessionStatus.Completed || session.CompletionCode is null)) return null;
        var code = session.CompletionCode ?? "";
        var source = recruitment.Platform switch
        {
            RecruitmentPlatform.Prolific => ProlificSource,
            RecruitmentPlatform.MTurk => MTurkSource,
            _ => null,
        };
        var ids = source is null ? null : await db.ParticipantExternalIds
            .Where(x => x.ParticipantId == session.ParticipantId && x.StudyId == session.StudyId && x.Source == source)
            .Select(x => new { x.ExternalSessionId }).FirstOrDefaultAsync(ct);
        if (ids is null) return new CompletionView(code, null, screenedOut);
        MTurkSubmission? mturk = recruitment.Platform == RecruitmentPlatform.MTurk && ids.ExternalSessionId is { } assignment
            ? new MTurkSubmission(recruitment.MTurkSandbox ? MTurkIds.SandboxSubmitUrl : MTurkIds.SubmitUrl, assignment)
            : null;
        var redirect = recruitment.Platform != RecruitmentPlatform.Prolific ? null
            : screenedOut ? ScreenOutRedirect(recruitment)
            : RedirectFor(recruitment.ProlificCompletionUrl, code);
        return new CompletionView(code, redirect, screenedOut, mturk,
            redirect is null && mturk is null ? null : recruitment.AutoRedirectSeconds);
    }

    /// <summary>Where a screened-out participant goes: the study's screen-out URL, with <c>?cc=</c> for Prolific.</summary>
    public static string? ScreenOutRedirect(RecruitmentConfig recruitment) =>
        recruitment.Platform != RecruitmentPlatform.Prolific || string.IsNullOrWhiteSpace(recruitment.ScreenOutRedirectUrl) ? null
        : string.IsNullOrEmpty(recruitment.ScreenOutCode) ? recruitment.ScreenOutRedirectUrl
        : RedirectFor(recruitment.ScreenOutRedirectUrl, recruitment.ScreenOutCode);

    internal static string? RedirectFor(string? baseUrl, string code) => string.IsNullOrWhiteSpace(baseUrl)
        ? null
        : baseUrl + (baseUrl.Contains('?') ? "&" : "?") + "cc=" + Uri.EscapeDataString(code);

    private sealed record StoredTurn(int Index, Domain.Dialogue.TurnRole Role, string Text, string? FinishReason, bool StoppedByParticipant, DateTimeOffset CreatedAt, double? TotalMs);
}
