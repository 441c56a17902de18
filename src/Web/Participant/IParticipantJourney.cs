using InteractionLab.Domain;
using Microsoft.AspNetCore.Http;

namespace InteractionLab.Web.Participant;

/// <summary>
/// What the participant pages need from the platform. The UI depends on this narrow port rather than on the
/// Api services directly, so the pages can be tested with a fake and the backend can evolve behind an adapter.
/// </summary>
public interface IParticipantJourney
{
    /// <summary>Reads the session from the participant cookie set at consent (false when absent or forged).</summary>
    bool TryReadParticipantCookie(HttpRequest request, out SessionId session);

    /// <summary>The public face of a study for its landing page, or null when no open study has this slug.</summary>
    Task<StudyLanding?> GetLandingAsync(string slug, CancellationToken ct);

    /// <summary>The session as stored on the server, or null when it does not exist or belongs to another study.</summary>
    Task<SessionSnapshot?> GetSessionAsync(SessionId session, string slug, CancellationToken ct);

    /// <summary>Finishes a stage that has no answers (instructions, the end of a task) and returns the new state.</summary>
    Task<SessionSnapshot> CompleteStageAsync(SessionId session, string stageKey, CancellationToken ct);

    /// <summary>
    /// Saves the participant's message and streams the model's reply token by token. Cancelling the token is the
    /// participant's Stop: the server keeps what was generated so far and records the cancellation.
    /// </summary>
    IAsyncEnumerable<string> SendMessageAsync(SessionId session, string text, CancellationToken ct);

    /// <summary>Validates and saves the answers of a survey stage; on success the session moves on.</summary>
    Task<SurveyOutcome> SubmitSurveyAsync(SessionId session, string stageKey, SurveyAnswers answers, CancellationToken ct);
}
