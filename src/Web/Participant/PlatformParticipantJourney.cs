using System.Globalization;
using System.Runtime.CompilerServices;
using InteractionLab.Api;
using InteractionLab.Api.Replies;
using InteractionLab.Api.Sessions;
using InteractionLab.Api.Surveys;
using InteractionLab.Api.Tasks;
using InteractionLab.Api.Tasks.SocialDialogue;
using InteractionLab.Domain;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Surveys;

namespace InteractionLab.Web.Participant;

/// <summary>
/// The participant pages' port onto the platform services. A Blazor circuit lives for minutes, so every call
/// gets its own DI scope (and DbContext) instead of holding one for the whole circuit.
/// </summary>
public sealed class PlatformParticipantJourney(IServiceScopeFactory scopes, DialogueService dialogue, TaskSessions tasks, ReplyFollower follower)
    : IParticipantJourney
{
    /// <inheritdoc />
    public Task<ITaskSession> OpenTaskAsync(SessionId session, string stageKey, CancellationToken ct) => tasks.OpenAsync(session, stageKey, ct);

    /// <inheritdoc />
    public bool TryReadParticipantCookie(HttpRequest request, string slug, out ParticipantPass pass) =>
        ParticipantCookie.TryRead(request, slug, out pass);

    /// <inheritdoc />
    public async Task<StudyLanding?> GetLandingAsync(string slug, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            var landing = await scope.ServiceProvider.GetRequiredService<ParticipantSessionService>().GetLandingAsync(slug, ct);
            return landing.Status switch
            {
                StudyStatus.Draft => null, // not public yet: indistinguishable from a wrong link
                StudyStatus.Open => Landing(landing, StudyAvailability.Open),
                StudyStatus.Paused => Landing(landing, StudyAvailability.Paused),
                _ => Landing(landing, StudyAvailability.Closed),
            };
        }
        catch (PlatformProblemException e) when (e.Status is 404 or 409)
        {
            return null; // unknown slug, or a study without a published version
        }
        catch (Exception e) when (Api.Data.DatabaseOutage.Is(e))
        {
            // The participant gets a page that asks them to come back, not an error.
            return new StudyLanding(slug, "", "", "", StudyAvailability.Unavailable);
        }
    }

    /// <inheritdoc />
    public async Task<SessionSnapshot?> GetSessionAsync(SessionId session, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            return Snapshot(await scope.ServiceProvider.GetRequiredService<ParticipantSessionService>().GetSessionAsync(session, ct));
        }
        catch (PlatformProblemException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<SessionSnapshot> CompleteStageAsync(SessionId session, string stageKey, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            return Snapshot(await scope.ServiceProvider.GetRequiredService<ParticipantSessionService>().CompleteStageAsync(session, stageKey, ct));
        }
        catch (PlatformProblemException e)
        {
            throw new ParticipantProblemException(e.Detail);
        }
    }

    /// <inheritdoc />
    public async Task<SessionSnapshot> TimeOutStageAsync(SessionId session, string stageKey, SurveyAnswers? answers, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            var view = answers is null
                ? await scope.ServiceProvider.GetRequiredService<ParticipantSessionService>().CompleteStageAsync(session, stageKey, timedOut: true, ct)
                : await scope.ServiceProvider.GetRequiredService<SurveyService>().SubmitAsync(session, stageKey, Answers(answers), timedOut: true, ct);
            return Snapshot(view);
        }
        catch (PlatformProblemException e)
        {
            throw new ParticipantProblemException(e.FullMessage());
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<string> SendMessageAsync(SessionId session, string text, [EnumeratorCancellation] CancellationToken ct,
        Action? queued = null)
    {
        await using var pieces = dialogue.StreamReplyAsync(session, text, ct, queued).GetAsyncEnumerator(ct);
        while (true)
        {
            bool more;
            try
            {
                more = await pieces.MoveNextAsync();
            }
            catch (PlatformProblemException e)
            {
                throw new ParticipantProblemException(e.Detail);
            }
            if (!more) yield break;
            yield return pieces.Current;
        }
    }

    /// <inheritdoc />
    public IAsyncEnumerable<string> FollowReplyAsync(SessionId session, CancellationToken ct) => follower.FollowAsync(session, ct);

    /// <inheritdoc />
    public void StopReply(SessionId session) => dialogue.StopReply(session);

    /// <inheritdoc />
    public async Task<SurveyOutcome> SubmitSurveyAsync(SessionId session, string stageKey, SurveyAnswers answers, CancellationToken ct)
    {
        var list = Answers(answers);
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            var view = await scope.ServiceProvider.GetRequiredService<SurveyService>().SubmitAsync(session, stageKey, list, ct);
            return new SurveyOutcome(new Dictionary<string, string>(), Snapshot(view));
        }
        catch (PlatformProblemException e) when (e.Errors.Count > 0)
        {
            return new SurveyOutcome(e.Errors.ToDictionary(x => x.Key, x => string.Join(" ", x.Value)), null);
        }
        catch (PlatformProblemException e)
        {
            throw new ParticipantProblemException(e.Detail);
        }
    }

    private static List<SurveyAnswer> Answers(SurveyAnswers answers) =>
        answers.Values.Select(v => new SurveyAnswer(v.Key, v.Value))
            .Concat(answers.TurnMarks.Select(m => new SurveyAnswer(m.ItemKey, m.Marked ? "true" : "false", m.TurnIndex)))
            .ToList();

    private static StudyLanding Landing(Api.Sessions.StudyLanding l, StudyAvailability availability) =>
        new(l.Slug, l.Title, l.ConsentTitle, l.ConsentText, availability)
        {
            Platform = l.Recruitment.Platform,
            ScreenOutCode = l.Recruitment.ScreenOutCode,
            ScreenOutRedirectUrl = ParticipantSessionService.ScreenOutRedirect(l.Recruitment),
            ConditionParameter = l.ConditionParameter,
            NeedsLaptop = l.Recruitment.NeedsLaptop,
        };

    private static SessionSnapshot Snapshot(SessionView v) => new(
        v.StudySlug, v.StudyTitle, v.StageIndex, v.StageCount, v.Stage, v.Status, v.ChatbotLabel, v.Scenario,
        v.Turns.Select(t => new ChatTurn(t.Index, t.Role, t.Text, t.StoppedByParticipant, Lost: t.FinishReason is ReplyStore.Interrupted or "error")).ToList(),
        v.ReplyInProgress,
        v.Completion is { } c ? new CompletionInfo(c.Code, c.RedirectUrl, c.ScreenedOut, c.MTurkSubmit?.Url, c.MTurkSubmit?.AssignmentId, c.AutoRedirectSeconds) : null)
    {
        Timer = v.Clock is { } clock ? new StageTimer(clock.UntilNext, clock.Remaining) : null,
        PartialReply = v.PartialReply,
    };
}
