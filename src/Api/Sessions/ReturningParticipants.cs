using InteractionLab.Api.Data;
using InteractionLab.Domain;
using Microsoft.EntityFrameworkCore;

namespace InteractionLab.Api.Sessions;

/// <summary>
/// Who may continue an existing session: only someone holding what the participant holds — the study's cookie in
/// their browser, or the resume code shown to them for moving to another device. Recruitment ids (PROLIFIC_PID and
/// SESSION_ID, MTurk workerId and assignmentId) travel in URLs that others see, so they never open a session: a
/// known worker without the cookie is asked for the resume code and never gets a second session either.
/// </summary>
public sealed class ReturningParticipants(PlatformDbContext db, TimeProvider time)
{
    /// <summary>Title of the refusal that asks a returning participant for their resume code.</summary>
    public const string ResumeCodeNeededTitle = "Resume code needed";

    /// <summary>Title of a resume code that matches no session of the study.</summary>
    public const string WrongCodeTitle = "Resume code not recognised";

    /// <summary>
    /// The caller's own session of <paramref name="studyId"/>: the one named by the cookie. A worker id already seen in
    /// the study without that cookie is refused (asked for the resume code, or told they completed); null for a
    /// newcomer.
    /// </summary>
    public async Task<ConsentResult?> FindAsync(Guid studyId, ParticipantLink link, SessionId? fromCookie, CancellationToken ct)
    {
        if (fromCookie is { } cookieId
            && await db.Sessions.SingleOrDefaultAsync(s => s.Id == cookieId && s.StudyId == studyId, ct) is { } own
            && own.Status != SessionStatus.Withdrawn)
            return await ContinueAsync(own, code: null, ct);
        if (link.Worker is not { } worker) return null;
        var known = await db.ParticipantExternalIds
            .Where(x => x.StudyId == studyId && x.Source == worker.Source && x.ExternalParticipantId == worker.WorkerId)
            .Select(x => new { x.ParticipantId, x.ExternalSessionId }).SingleOrDefaultAsync(ct);
        if (known is null) return null;
        var status = await db.Sessions.Where(s => s.StudyId == studyId && s.ParticipantId == known.ParticipantId)
            .OrderByDescending(s => s.StartedAt).Select(s => (SessionStatus?)s.Status).FirstOrDefaultAsync(ct);
        var sameSubmission = worker.SubmissionId is not null && worker.SubmissionId == known.ExternalSessionId;
        throw status switch
        {
            SessionStatus.Completed or SessionStatus.ScreenedOut => PlatformProblemException.AlreadyCompleted(),
            SessionStatus.InProgress or SessionStatus.Abandoned when sameSubmission => ResumeCodeNeeded(),
            _ => PlatformProblemException.AlreadyTakenPart(),
        };
    }

    /// <summary>The session of <paramref name="studyId"/> whose resume code is <paramref name="code"/>; 400 problem when none.</summary>
    public async Task<ConsentResult> ResumeAsync(Guid studyId, string? code, CancellationToken ct)
    {
        var hash = ResumeCode.Hash(code) ?? throw WrongCode();
        var session = await db.Sessions.Where(s => s.StudyId == studyId && s.ResumeCodeHash == hash)
            .OrderByDescending(s => s.StartedAt).FirstOrDefaultAsync(ct);
        if (session is null) throw WrongCode();
        if (session.Status == SessionStatus.Withdrawn) throw PlatformProblemException.AlreadyTakenPart();
        return await ContinueAsync(session, ResumeCode.Normalise(code) is { } c ? c[..5] + "-" + c[5..] : null, ct);
    }

    private async Task<ConsentResult> ContinueAsync(Session session, string? code, CancellationToken ct)
    {
        // The participant is back, so the place they held is theirs again.
        if (session.Status == SessionStatus.Abandoned) session.Status = SessionStatus.InProgress;
        session.LastSeenAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return new ConsentResult(session.Id, Resumed: true, code);
    }

    private static PlatformProblemException ResumeCodeNeeded() => new(409, ResumeCodeNeededTitle,
        "You have already started this study in another browser. Enter the resume code shown there to continue here.");

    private static PlatformProblemException WrongCode() => new(400, WrongCodeTitle,
        "That resume code does not match a session of this study. Check it and try again; it has 10 letters and digits, like ABCDE-12345.");
}
