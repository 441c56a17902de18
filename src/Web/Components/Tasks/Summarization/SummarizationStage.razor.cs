using InteractionLab.Api;
using InteractionLab.Api.Tasks;
using InteractionLab.Api.Tasks.Summarization;
using InteractionLab.Domain.Dialogue;
using InteractionLab.Domain.Studies;
using InteractionLab.Web.Components.Tasks;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;
using static InteractionLab.Api.Tasks.Summarization.SummarizationEvents;

namespace InteractionLab.Web.Components.Tasks.Summarization;

/// <summary>
/// The participant page of the summarization task: one document at a time, in the participant's item order. The
/// model's draft streams in; the participant rates it, edits it and rates their version, then moves on. Every step
/// is an event saved before the page goes on, so a reload resumes on the same document and step (a draft already
/// generated is read back, never generated again).
/// </summary>
public sealed partial class SummarizationStage
{
    /// <summary>Longest summary accepted.</summary>
    public const int MaxSummaryLength = 1000;

    /// <summary>A snapshot of the edit box is saved once typing pauses this long (a reload then keeps the edits).</summary>
    public static readonly TimeSpan SnapshotDelay = TimeSpan.FromSeconds(1.5);
    // How long to wait for a draft that was still being generated when the page was reloaded, reading it this often.
    private static readonly TimeSpan PendingDraftWait = TimeSpan.FromSeconds(60), PendingDraftPoll = TimeSpan.FromMilliseconds(500);

    /// <summary>The task stage.</summary>
    [Parameter, EditorRequired] public TaskStageContext Context { get; set; } = default!;

    [Inject] private ILogger<SummarizationStage> Log { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    private readonly CancellationTokenSource lifetime = new();
    private SummarizationProgress progress = new();
    private IReadOnlyList<SummaryDocument>? documents;
    private int position;
    private string? loadProblem, draftProblem, error;
    private bool streaming, busy;
    private string streamingText = "";
    private string editText = "";
    // What the edit box starts with; it never changes while the participant types, so a re-render cannot
    // overwrite keystrokes the server has not seen yet (the box's own value is the truth while editing).
    private string editStart = "";
    private string? savedSnapshot;
    private CancellationTokenSource? snapshotTimer;
    private SummaryStep? focusedStep, renderedStep;
    private SummaryRatingForm? rating;
    private ElementReference documentHeading, editHeading, finishedHeading;

    private ITaskSession Session => Context.Session;
    private bool Inert => Context.Disabled || busy || streaming;
    private SummaryDocument? Current => documents is not null && position < documents.Count ? documents[position] : null;
    private SummaryStep CurrentStep => Current is { } doc ? Progress(doc).Step : SummaryStep.Done;
    private bool IsLast => documents is not null && position == documents.Count - 1;

    private SummaryDocumentProgress Progress(SummaryDocument doc) => progress.Of(doc.Id);

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        try
        {
            var set = await Session.StimuliAsync(lifetime.Token);
            var all = set?.ItemsAs<SummaryDocument>() ?? [];
            if (all.Count == 0)
            {
                loadProblem = "This step has no documents to summarise. Please contact the researchers.";
                return;
            }
            var used = SummarizationTask.DocumentsFor(Session.Task, all);
            documents = Session.ItemOrder(used.Count).Select(i => used[i]).ToList();
            progress = SummarizationProgress.From(await Session.ReadEventsAsync(lifetime.Token));
            await ContinueAsync();
        }
        catch (PlatformProblemException ex)
        {
            loadProblem = ex.Detail;
        }
    }

    /// <inheritdoc />
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Keyboard and screen-reader users are taken to what the participant's last action brought up. The stage
        // heading keeps the focus when the page opens, and a draft arriving is announced by its live region instead.
        // The step as last rendered: on the server this runs once the browser has the render, by when the state
        // may have moved on to a step whose elements are not on the page yet.
        var step = renderedStep;
        if (step == focusedStep || step is null) return;
        var previous = focusedStep;
        focusedStep = step;
        if (previous is null) return;
        var target = step switch
        {
            SummaryStep.Draft => documentHeading,
            SummaryStep.Edit => editHeading,
            SummaryStep.Done => finishedHeading,
            _ => (ElementReference?)null,
        };
        try
        {
            if (target is { } element) await element.FocusAsync();
            else if (step is SummaryStep.RateEdited && rating is not null) await rating.FocusAsync();
        }
        catch (Exception ex) when (ex is JSException or InvalidOperationException)
        {
            // The element left the page before the browser got to it (the stage moved on): nothing to focus.
        }
    }

    // Goes to the first document not yet done and takes up its step where the events left it.
    private async Task ContinueAsync()
    {
        position = documents!.TakeWhile(d => Progress(d).Step == SummaryStep.Done).Count();
        if (Current is not { } doc) return;
        if (!Progress(doc).Shown) await RecordAsync(Shown, new ShownPayload(doc.Id, position + 1, documents!.Count));
        switch (Progress(doc).Step)
        {
            case SummaryStep.Draft:
                StartDraft(doc);
                break;
            case SummaryStep.Edit:
                await BeginEditAsync(doc);
                break;
        }
    }

    private void StartDraft(SummaryDocument doc) => _ = DraftAsync(doc);

    private async Task DraftAsync(SummaryDocument doc)
    {
        draftProblem = null;
        streaming = true;
        streamingText = "";
        try
        {
            // Generated before a reload (or still being generated then): read back, never asked for again.
            var turn = await DraftTurnAsync(doc);
            if (turn is null)
            {
                try
                {
                    var prompt = new TaskPrompt(doc.Id, null, PromptStyle.Completion, SummarizationTask.PromptFor(Session.Task, doc));
                    await foreach (var piece in Session.AskAsync(prompt, lifetime.Token))
                    {
                        streamingText += piece;
                        await InvokeAsync(StateHasChanged);
                    }
                }
                catch (PlatformProblemException ex) when (ex.Status == 409)
                {
                    // The previous page's draft is still running on the server; it is saved when it ends.
                    using var giveUp = new CancellationTokenSource(PendingDraftWait, Time);
                    using var wait = CancellationTokenSource.CreateLinkedTokenSource(lifetime.Token, giveUp.Token);
                    while ((turn = await DraftTurnAsync(doc)) is null) await Task.Delay(PendingDraftPoll, Time, wait.Token);
                }
                turn ??= await DraftTurnAsync(doc);
            }
            var text = turn?.Text ?? CompletionPrompt.CleanReply(streamingText, ["\n"]);
            streaming = false;
            await RecordAsync(Draft, new DraftPayload(doc.Id, turn?.Index, text));
        }
        catch (PlatformProblemException ex)
        {
            draftProblem = ex.Detail;
        }
        catch (OperationCanceledException) when (!lifetime.IsCancellationRequested)
        {
            draftProblem = "The assistant took too long. Please try again.";
        }
        catch (OperationCanceledException)
        {
            return; // the participant left the page
        }
        catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or TimeoutException)
        {
            // An unreachable or failing model must not leave the page waiting for ever.
            draftProblem = "The assistant could not write a summary this time. Please try again.";
        }
        finally
        {
            streaming = false;
        }
        await InvokeAsync(StateHasChanged);
    }

    private async Task<TaskTurn?> DraftTurnAsync(SummaryDocument doc) =>
        (await Session.ReadTurnsAsync(lifetime.Token)).LastOrDefault(t => t.Role == TurnRole.Model && t.ItemKey == doc.Id);

    private Task RateOriginalAsync(SummaryJudgement judgement) => StepAsync(async doc =>
    {
        await RecordAsync(RateOriginal, new RatingPayload(doc.Id, judgement.Consistent, judgement.Coherent, judgement.Relevant));
        await BeginEditAsync(doc);
    });

    // The edit box starts from the last snapshot (after a reload) or the draft; editing time runs from here.
    private async Task BeginEditAsync(SummaryDocument doc)
    {
        var p = Progress(doc);
        editText = p.EditedText ?? p.Draft ?? "";
        editStart = savedSnapshot = editText;
        if (p.EditStartedAt is null) await RecordAsync(EditStart, new DocumentPayload(doc.Id));
    }

    private void OnEditInput(ChangeEventArgs e)
    {
        editText = e.Value?.ToString() ?? "";
        error = null;
        snapshotTimer?.Cancel();
        snapshotTimer = CancellationTokenSource.CreateLinkedTokenSource(lifetime.Token);
        if (Current is { } doc) _ = SnapshotAsync(doc, snapshotTimer.Token);
    }

    private async Task SnapshotAsync(SummaryDocument doc, CancellationToken ct)
    {
        try
        {
            await Task.Delay(SnapshotDelay, Time, ct);
            await InvokeAsync(async () =>
            {
                if (ct.IsCancellationRequested || editText == savedSnapshot || CurrentStep != SummaryStep.Edit) return;
                savedSnapshot = editText;
                await RecordAsync(Edit, new EditPayload(doc.Id, editText, Final: false));
            });
        }
        catch (OperationCanceledException)
        {
            // More typing (or the submit) came first.
        }
        catch (PlatformProblemException)
        {
            // A lost snapshot only matters after a reload; the submitted text is saved on its own.
        }
    }

    private Task SubmitEditAsync() => StepAsync(async doc =>
    {
        var text = editText.Trim();
        if (text.Length == 0)
        {
            error = "Write a summary before going on.";
            return;
        }
        if (text.Length > MaxSummaryLength)
        {
            error = $"Summaries are limited to {MaxSummaryLength} characters.";
            return;
        }
        snapshotTimer?.Cancel();
        await RecordAsync(Edit, new EditPayload(doc.Id, text, Final: true));
    });

    private Task RateEditedAsync(SummaryJudgement judgement) => StepAsync(async doc =>
    {
        await RecordAsync(RateEdited, new RatingPayload(doc.Id, judgement.Consistent, judgement.Coherent, judgement.Relevant));
        await MoveOnAsync(doc);
    });

    private Task NextAsync(SummaryDocument doc) => StepAsync(_ => MoveOnAsync(doc));

    private async Task MoveOnAsync(SummaryDocument doc)
    {
        await RecordAsync(Next, new DocumentPayload(doc.Id));
        await ContinueAsync();
        // After the last document the stage ends at once when it may; otherwise the Finish button waits.
        if (Current is null && Context.CanFinish && !Context.Disabled) await FinishStageAsync();
    }

    private Task FinishAsync() => StepAsync(_ => FinishStageAsync(), needsDocument: false);

    private Task FinishStageAsync() => Context.FinishAsync();

    // Runs one participant action: one at a time, with its problem shown rather than thrown.
    private async Task StepAsync(Func<SummaryDocument, Task> action, bool needsDocument = true)
    {
        if (Inert || (needsDocument && Current is null)) return;
        busy = true;
        error = null;
        try
        {
            await action(Current!);
        }
        catch (PlatformProblemException ex)
        {
            error = ex.Detail;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.LogError(ex, "A summarization step of session {Session} failed", Session.Session);
            error = "That did not save. Please check your connection and try again.";
        }
        finally
        {
            busy = false;
        }
    }

    // What was stored is what the page goes on from, as after a reload.
    private async Task RecordAsync(string type, object payload) =>
        progress.Apply(await Session.RecordAsync(type, payload, lifetime.Token));

    private static IEnumerable<string> Paragraphs(string text) =>
        text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        // Cancelled, not disposed: a draft or snapshot still finishing reads the token once more.
        lifetime.Cancel();
        return ValueTask.CompletedTask;
    }
}
