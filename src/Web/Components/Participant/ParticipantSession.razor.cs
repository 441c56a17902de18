using System.Text;
using InteractionLab.Api.Tasks;
using InteractionLab.Domain;
using InteractionLab.Domain.Dialogue;
using InteractionLab.Domain.Studies;
using InteractionLab.Web.Components.Tasks;
using InteractionLab.Web.Participant;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace InteractionLab.Web.Components.Participant;

/// <summary>
/// The interactive participant session: shows the stage the server says the participant is on, streams model
/// replies, and starts the browser trace logger. All state is reloaded from the server, so a reload or a new
/// circuit resumes exactly where the stored data is.
/// </summary>
public sealed partial class ParticipantSession
{
    private const string SocialDialogue = "social-dialogue";
    private static readonly TimeSpan RenderInterval = TimeSpan.FromMilliseconds(30);
    private static readonly TimeSpan TraceFlushTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan TraceRetryPause = TimeSpan.FromSeconds(2);

    /// <summary>The study's public slug.</summary>
    [Parameter, EditorRequired] public string Slug { get; set; } = "";

    /// <summary>The session id read from the participant cookie by the static page.</summary>
    [Parameter, EditorRequired] public Guid SessionKey { get; set; }

    /// <summary>Replaces the platform journey (the admin preview runs these pages on an in-memory session; no tracing then).</summary>
    [Parameter] public IParticipantJourney? JourneyOverride { get; set; }

    private IParticipantJourney Journey => JourneyOverride ?? PlatformJourney;

    private readonly CancellationTokenSource lifetime = new();
    private SessionSnapshot? snapshot;
    private (string Title, string Detail)? notice;
    private ElementReference heading;
    private string? focusedStageKey;
    private IJSObjectReference? tracer;
    private bool busy;
    private bool streaming;
    private bool queued;
    private string streamingText = "";
    private ChatTurn? pendingMessage;
    private string? errorMessage;
    private IReadOnlyDictionary<string, string> surveyErrors = new Dictionary<string, string>();
    private bool traceSaved;
    private bool confirmingTrace;
    private int unsentEvents;
    private bool minimumReached = true;
    private StageConfig? timedOutStage;
    private SurveyStage? survey;
    private ITaskSession? taskSession;

    private const string ScreenedOutText =
        "Thank you for your time. Based on your answers, this study has ended for you; what you answered so far is saved.";

    private SessionId Session => new(SessionKey);

    // Controls stay disabled until the circuit is up: a click during prerendering would be silently lost.
    private bool Inert => !RendererInfo.IsInteractive || busy || timedOutStage is not null;

    private IReadOnlyList<ChatTurn> DisplayedTurns =>
        pendingMessage is null ? snapshot!.Turns : [.. snapshot!.Turns, pendingMessage];

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        var loaded = await Journey.GetSessionAsync(Session, lifetime.Token);
        // The cookie is per browser, not per study: never show one study's session under another study's link.
        if (loaded is null || loaded.StudySlug != Slug)
            notice = ("We could not find your session", "This session does not exist or belongs to another study. Please open the study link from your invitation again.");
        else if (loaded.Status == SessionStatus.Withdrawn)
            notice = ("You have withdrawn from this study", "Nothing more will be recorded in this session. Thank you for your time.");
        else
            Show(loaded);
        if (snapshot?.ReplyInProgress == true && RendererInfo.IsInteractive)
            _ = WaitForRunningReplyAsync();
    }

    // After a reload during a reply, the generation goes on on the server; show its text so far until it is saved.
    private async Task WaitForRunningReplyAsync()
    {
        streaming = true;
        streamingText = snapshot?.PartialReply ?? "";
        try
        {
            await foreach (var text in Journey.FollowReplyAsync(Session, lifetime.Token))
            {
                streamingText = text;
                await InvokeAsync(StateHasChanged);
            }
            var latest = await Journey.GetSessionAsync(Session, lifetime.Token);
            if (latest is not null) Show(latest);
            streaming = false;
            await InvokeAsync(StateHasChanged);
        }
        catch (OperationCanceledException)
        {
            // The participant left the page.
        }
    }

    /// <inheritdoc />
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (snapshot is null || !RendererInfo.IsInteractive) return;
        if (tracer is null && JourneyOverride is null)
        {
            tracer = await JS.InvokeAsync<IJSObjectReference>("import", "./js/trace-logger.js");
            await tracer.InvokeVoidAsync("start", SessionKey.ToString("N"));
        }
        var stage = snapshot.Stage;
        if (stage.Kind == StageKind.Task && TaskComponents.For(stage.Task?.Type) is not null && taskSession?.Stage.Key != stage.Key)
            await OpenTaskAsync(stage);
        if (focusedStageKey is not null && focusedStageKey != stage.Key)
            await heading.FocusAsync(); // tell keyboard and screen-reader users that a new step began
        focusedStageKey = stage.Key;
        if ((stage.Kind == StageKind.Debrief || snapshot.Status == SessionStatus.ScreenedOut) && !traceSaved && !confirmingTrace)
            _ = ConfirmTraceSavedAsync();
    }

    // A task component works on its task session; it is opened once the page is interactive (nothing to do before).
    private async Task OpenTaskAsync(StageConfig stage)
    {
        try
        {
            taskSession = await Journey.OpenTaskAsync(Session, stage.Key, lifetime.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.LogError(ex, "Opening task stage {Stage} of session {Session} failed", stage.Key, Session);
            notice = ("This step could not be loaded", "Please reload the page. If this keeps happening, contact the researchers.");
        }
        StateHasChanged();
    }

    private IDictionary<string, object> TaskParameters(StageConfig stage) => new Dictionary<string, object>
    {
        ["Context"] = new TaskStageContext(taskSession!, Inert, minimumReached, () => FinishTaskAsync(stage.Key), errorMessage),
    };

    // Called from the task component's own event handler, which re-renders only the child: the session page must
    // re-render itself to show the saving state and then the next stage (or the refusal).
    private async Task FinishTaskAsync(string stageKey)
    {
        var finishing = CompleteStageAsync(stageKey);
        StateHasChanged();
        await finishing;
        StateHasChanged();
    }

    private void Show(SessionSnapshot next)
    {
        // A new stage (or the first load) starts with the server's minimum time; the same stage keeps its state.
        if (snapshot is null || snapshot.Stage.Key != next.Stage.Key || snapshot.Status != next.Status)
        {
            minimumReached = next.Timer?.UntilNext is not { } wait || wait <= TimeSpan.Zero;
            timedOutStage = null;
        }
        snapshot = next;
        focusedStageKey ??= next.Stage.Key;
    }

    // The time limit ran out in the browser: the stage ends with whatever was filled in; the server checks its clock.
    private async Task TimeUpAsync(StageConfig stage)
    {
        if (snapshot is null || snapshot.Stage.Key != stage.Key) return;
        var answers = stage.Kind == StageKind.Survey ? survey?.CurrentAnswers() : null;
        if (stage.Kind == StageKind.Survey && answers is null) return;
        // Nothing more can be typed or sent; a reply still streaming is saved first (the server insists on it).
        timedOutStage = stage;
        if (streaming) return;
        busy = true;
        errorMessage = null;
        try
        {
            surveyErrors = new Dictionary<string, string>();
            Show(await Journey.TimeOutStageAsync(Session, stage.Key, answers, lifetime.Token));
        }
        catch (ParticipantProblemException ex)
        {
            errorMessage = ex.Message;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.LogError(ex, "Ending timed-out stage {Stage} of session {Session} failed", stage.Key, Session);
            errorMessage = "Your time is up, but that did not save. Please check your connection and reload the page.";
        }
        finally
        {
            busy = false;
        }
    }

    // The code and the redirect to the recruitment platform wait until the browser's last trace events are stored.
    // After each wait without success the participant sees how many are missing and may finish without them; the
    // logger meanwhile keeps sending, and the next wait succeeds as soon as they are in.
    private async Task ConfirmTraceSavedAsync()
    {
        confirmingTrace = true;
        try
        {
            while (!traceSaved)
            {
                if (tracer is null || await tracer.InvokeAsync<bool>("flush", lifetime.Token, (int)TraceFlushTimeout.TotalMilliseconds))
                {
                    traceSaved = true;
                    unsentEvents = 0;
                    break;
                }
                unsentEvents = Math.Max(1, await tracer.InvokeAsync<int>("pendingCount", lifetime.Token));
                await InvokeAsync(StateHasChanged);
                await Task.Delay(TraceRetryPause, Time, lifetime.Token);
            }
            await InvokeAsync(StateHasChanged);
        }
        catch (Exception ex) when (ex is OperationCanceledException or JSDisconnectedException)
        {
            // The participant left the page; the events stay queued in the browser for the next visit.
        }
        catch (JSException ex)
        {
            // The logger itself failed: waiting cannot help, so the participant is not held up.
            Log.LogError(ex, "The trace logger of session {Session} failed at debrief", Session);
            traceSaved = true;
            await InvokeAsync(StateHasChanged);
        }
        finally
        {
            confirmingTrace = false;
        }
    }

    private void FinishWithoutUnsentEvents()
    {
        Log.LogWarning("Session {Session} finished with {Count} trace events not yet stored", Session, unsentEvents);
        traceSaved = true;
    }

    private async Task CompleteStageAsync(string stageKey)
    {
        await RunBusyAsync(async () => Show(await Journey.CompleteStageAsync(Session, stageKey, lifetime.Token)));
    }

    private async Task SubmitSurveyAsync(SurveyAnswers answers)
    {
        await RunBusyAsync(async () =>
        {
            var outcome = await Journey.SubmitSurveyAsync(Session, snapshot!.Stage.Key, answers, lifetime.Token);
            surveyErrors = outcome.Errors;
            if (outcome.Saved) Show(outcome.Session!);
        });
    }

    private async Task RunBusyAsync(Func<Task> action)
    {
        busy = true;
        errorMessage = null;
        try
        {
            await action();
        }
        catch (ParticipantProblemException ex)
        {
            errorMessage = ex.Message;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.LogError(ex, "Saving a step of session {Session} failed", Session);
            errorMessage = "That did not save. Please check your connection and try again.";
        }
        finally
        {
            busy = false;
        }
    }

    private async Task SendAsync(string text)
    {
        if (snapshot is null || streaming) return;
        errorMessage = null;
        pendingMessage = new ChatTurn(snapshot.Turns.Count, TurnRole.Participant, text);
        streamingText = "";
        streaming = true;
        queued = false;
        var reply = new StringBuilder();
        var throttle = new RenderThrottle(RenderInterval, () => InvokeAsync(StateHasChanged), Time);
        try
        {
            // Leaving the page only stops listening (lifetime); the server finishes and saves the reply anyway.
            await foreach (var token in Journey.SendMessageAsync(Session, text, lifetime.Token, Queued))
            {
                queued = false;
                reply.Append(token);
                streamingText = reply.ToString();
                throttle.Request();
            }
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
            return;
        }
        catch (ParticipantProblemException ex)
        {
            errorMessage = ex.Message;
        }
        catch (Exception ex)
        {
            Log.LogError(ex, "Streaming a reply in session {Session} failed", Session);
            errorMessage = "The reply could not be completed. Please try sending your message again.";
        }
        // The stored transcript replaces the optimistic one, so what is shown is exactly what was saved.
        var saved = await Journey.GetSessionAsync(Session, lifetime.Token);
        if (saved is not null) Show(saved);
        pendingMessage = null;
        streaming = false;
        queued = false;
        if (timedOutStage is { } due) await TimeUpAsync(due);
    }

    // The model is busy: say that the message waits in line instead of showing a silent "typing…".
    private void Queued()
    {
        queued = true;
        _ = InvokeAsync(StateHasChanged);
    }

    private void Stop() => Journey.StopReply(Session);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // Not disposed: a reply still streaming checks it after the circuit is gone.
        await lifetime.CancelAsync();
        if (tracer is null) return;
        try
        {
            await tracer.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone (page closed or reloaded); the logger in the page already kept its events.
        }
    }
}
