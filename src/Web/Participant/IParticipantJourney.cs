using InteractionLab.Api.Sessions;
using InteractionLab.Api.Tasks;
using InteractionLab.Domain;
using Microsoft.AspNetCore.Http;

namespace InteractionLab.Web.Participant;

/// <summary>
/// What the participant pages need from the platform. The UI depends on this narrow port rather than on the
/// Api services directly, so the pages can be tested with a fake and the backend can evolve behind an adapter.
/// </summary>
public interface IParticipantJourney
{
    /// <summary>
    /// Reads the study's participant cookie set at consent or resume: the session and its resume code (false when
    /// absent, forged or another study's).
    /// </summary>
    bool TryReadParticipantCookie(HttpRequest request, string slug, out ParticipantPass pass);

    /// <summary>The public face of a study for its landing page, or null when no published study has this slug.</summary>
    Task<StudyLanding?> GetLandingAsync(string slug, CancellationToken ct);

    /// <summary>The session as stored on the server, or null when it does not exist.</summary>
    Task<SessionSnapshot?> GetSessionAsync(SessionId session, CancellationToken ct);

    /// <summary>
    /// Finishes a stage that has no answers (instructions, the end of a task) and returns the new state; throws
    /// <see cref="ParticipantProblemException"/> when the server refuses (e.g. too few messages yet).
    /// </summary>
    Task<SessionSnapshot> CompleteStageAsync(SessionId session, string stageKey, CancellationToken ct);

    /// <summary>
    /// Ends a stage whose time limit ran out: a survey stage saves <paramref name="answers"/> as filled so far (missing
    /// required questions are marked timed out), any other stage is completed. The server checks its own clock.
    /// </summary>
    Task<SessionSnapshot> TimeOutStageAsync(SessionId session, string stageKey, SurveyAnswers? answers, CancellationToken ct);

    /// <summary>
    /// Saves the participant's message and streams the model's reply as it is generated; the stream ends once the
    /// reply is saved. Cancelling only stops listening: the reply is still generated and saved (a reload shows it).
    /// Refusals and failed replies surface as <see cref="ParticipantProblemException"/>. <paramref name="queued"/> is
    /// called when the model is busy and the reply waits in line.
    /// </summary>
    IAsyncEnumerable<string> SendMessageAsync(SessionId session, string text, CancellationToken ct, Action? queued = null);

    /// <summary>
    /// After a reload while a reply was being generated: its text so far, again each time it grew, until it is saved.
    /// Ends at once when no reply is running.
    /// </summary>
    IAsyncEnumerable<string> FollowReplyAsync(SessionId session, CancellationToken ct);

    /// <summary>The participant's Stop: cuts the running reply short; the part already generated is kept.</summary>
    void StopReply(SessionId session);

    /// <summary>Validates and saves the answers of a survey stage; on success the session moves on.</summary>
    Task<SurveyOutcome> SubmitSurveyAsync(SessionId session, string stageKey, SurveyAnswers answers, CancellationToken ct);

    /// <summary>The task session of the session's task stage <paramref name="stageKey"/> (what a task component works with).</summary>
    Task<ITaskSession> OpenTaskAsync(SessionId session, string stageKey, CancellationToken ct);
}
