using System.Runtime.CompilerServices;
using InteractionLab.Api.Dialogue;
using InteractionLab.Api.Sessions;
using InteractionLab.Api.Surveys;
using InteractionLab.Api.Tracing;
using InteractionLab.Domain;
using InteractionLab.Domain.Surveys;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace InteractionLab.Api.Hubs;

/// <summary>
/// The participant's live connection (<c>/hubs/session</c>). The caller is the session named by the protected
/// participant cookie; a connection without a valid cookie is refused at negotiation (401). Every method delegates to the same
/// application services the Blazor pages call.
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
    public Task<TraceAck> AppendEvents(TraceBatch batch) =>
        Guard(() => traces.AppendAsync(Caller, batch, Context.ConnectionAborted));

    /// <summary>Sends a message and streams the reply's text pieces; the reply is saved when the stream ends.</summary>
    public async IAsyncEnumerable<string> StreamReply(string message, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var pieces = dialogue.StreamReplyAsync(Caller, message, cancellationToken).GetAsyncEnumerator(cancellationToken);
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
    public Task<SessionView> GetSession() => Guard(() => sessions.GetSessionAsync(Caller, Context.ConnectionAborted));

    /// <summary>Marks a stage done (idempotent).</summary>
    public Task<SessionView> CompleteStage(string stageKey) =>
        Guard(() => sessions.CompleteStageAsync(Caller, stageKey, Context.ConnectionAborted));

    /// <summary>Submits a survey stage's answers (all or nothing).</summary>
    public Task<SessionView> SubmitSurvey(string stageKey, IReadOnlyList<SurveyAnswer> answers) =>
        Guard(() => surveys.SubmitAsync(Caller, stageKey, answers, Context.ConnectionAborted));

    private SessionId Caller => (SessionId)Context.Items[SessionKey]!;

    // Problems become HubExceptions so the browser gets the message, not a generic "error invoking".
    private static async Task<T> Guard<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (PlatformProblemException e)
        {
            throw new HubException(e.FullMessage());
        }
    }
}
