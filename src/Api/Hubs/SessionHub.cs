using System.Runtime.CompilerServices;
using InteractionLab.Api.Sessions;
using InteractionLab.Api.Surveys;
using InteractionLab.Api.Tasks.SocialDialogue;
using InteractionLab.Api.Tracing;
using InteractionLab.Domain;
using InteractionLab.Domain.Surveys;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace InteractionLab.Api.Hubs;

/// <summary>
/// The participant's live connection (<c>/hubs/session</c>). The caller is the session named by the protected
/// participant cookie; a connection without a valid cookie is refused at negotiation (401). Every method delegates to the same
/// application services the Blazor pages call; <see cref="SessionHubFilter"/> limits the call rate and turns refusals
/// into <see cref="HubException"/>s the browser can read.
/// </summary>
[Authorize(Policy = ParticipantAuthenticationHandler.PolicyName)]
public sealed class SessionHub(
    TraceIngestService traces,
    DialogueService dialogue,
    ParticipantSessionService sessions,
    SurveyService surveys) : Hub<ISessionClient>
{
    /// <summary>Route the hub is mapped at.</summary>
    public const string Route = "/hubs/session";
    private const string SessionKey = "session";

    /// <summary>SignalR group of one session's connections.</summary>
    public static string GroupOf(SessionId session) => "session:" + session;

    /// <inheritdoc />
    public override async Task OnConnectedAsync()
    {
        if (!SessionId.TryParse(Context.User?.FindFirst(ParticipantAuthenticationHandler.SessionClaim)?.Value, out var session))
            throw new HubException("No participant session: open the study link first.");
        Context.Items[SessionKey] = session;
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(session));
        await base.OnConnectedAsync();
    }

    /// <summary>Stores a batch of browser events idempotently and acknowledges it.</summary>
    public Task<TraceAck> AppendEvents(TraceBatch? batch) => traces.AppendAsync(Caller, batch, Context.ConnectionAborted);

    /// <summary>Sends a message and streams the reply's text pieces; the reply is saved when the stream ends.</summary>
    public async IAsyncEnumerable<string> StreamReply(string? message, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var pieces = dialogue.StreamReplyAsync(Caller, message ?? "", cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            bool more;
            try
            {
                more = await pieces.MoveNextAsync();
            }
            catch (PlatformProblemException e)
            {
                throw new HubException(e.FullMessage());
            }
            if (!more) yield break;
            yield return pieces.Current;
        }
    }

    /// <summary>Stops the reply being generated; false when none runs.</summary>
    public bool StopReply() => dialogue.StopReply(Caller);

    /// <summary>The session as it stands (after a reconnect or reload).</summary>
    public Task<SessionView> GetSession() => sessions.GetSessionAsync(Caller, Context.ConnectionAborted);

    /// <summary>Marks a stage done (idempotent).</summary>
    public Task<SessionView> CompleteStage(string? stageKey) =>
        sessions.CompleteStageAsync(Caller, StageKey(stageKey), Context.ConnectionAborted);

    /// <summary>Submits a survey stage's answers (all or nothing).</summary>
    public Task<SessionView> SubmitSurvey(string? stageKey, IReadOnlyList<SurveyAnswer?>? answers) =>
        surveys.SubmitAsync(Caller, StageKey(stageKey), SurveyAnswers(answers), Context.ConnectionAborted);

    private SessionId Caller => (SessionId)Context.Items[SessionKey]!;

    // JSON from the browser can hold null anywhere the C# signature says it cannot: refuse it as input, not as a crash.
    private static string StageKey(string? stageKey) =>
        string.IsNullOrEmpty(stageKey) ? throw PlatformProblemException.BadInput("Name the stage (its key).") : stageKey;

    private static IReadOnlyList<SurveyAnswer> SurveyAnswers(IReadOnlyList<SurveyAnswer?>? answers)
    {
        if (answers is null) return [];
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < answers.Count; i++)
            if (answers[i] is not { ItemKey: not null, Value: not null })
                errors[$"answers[{i}]"] = ["An answer needs an itemKey and a value."];
        return errors.Count == 0 ? answers.Select(a => a!).ToList() : throw PlatformProblemException.BadInput("Some answers are incomplete; nothing was saved.", errors);
    }
}
