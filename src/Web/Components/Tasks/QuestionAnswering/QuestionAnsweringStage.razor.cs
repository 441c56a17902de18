using InteractionLab.Api;
using InteractionLab.Api.Tasks;
using InteractionLab.Api.Tasks.QuestionAnswering;
using InteractionLab.Domain.Dialogue;
using InteractionLab.Domain.Studies;
using InteractionLab.Web.Components.Tasks;
using InteractionLab.Web.Participant;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace InteractionLab.Web.Components.Tasks.QuestionAnswering;

/// <summary>
/// The participant page of the question-answering task: one question at a time, the assistant panel on the
/// assisted ones. Everything it shows is rebuilt from the stage's own events and turns, so a reload returns to
/// the same question with the same answer chosen and the same queries and replies.
/// </summary>
public partial class QuestionAnsweringStage
{
    private static readonly TimeSpan RenderInterval = TimeSpan.FromMilliseconds(50);

    private IReadOnlyList<QaPlanItem>? plan;
    private int current;
    private QaProgress progress = new();
    private readonly List<(string Item, string Query, string? Reply, int? ReplyTurn)> exchanges = [];
    private string? loadProblem;
    private string? askProblem;
    private string draft = "";
    private int draftVersion;
    private bool asking;
    private bool queued;
    private string? pendingQuery;
    private string streamingText = "";
    private string announcement = "";
    private bool warningVisible;
    private bool focusQuestion;
    private ElementReference questionHeading;
    private Task recording = Task.CompletedTask;
    private readonly CancellationTokenSource lifetime = new();
    private IJSObjectReference? pageWatch;
    private DotNetObjectReference<QuestionAnsweringStage>? self;

    /// <summary>The stage, its session and how to finish it.</summary>
    [Parameter, EditorRequired] public TaskStageContext Context { get; set; } = default!;

    private ITaskSession Session => Context.Session;
    private QaItem Item => plan![current].Item;
    private bool IsLast => plan is not null && current == plan.Count - 1;
    private bool Locked => Context.Disabled || asking;
    private string? Chosen => plan is null ? null : progress.ChoiceOf(Item.Id);

    private string NavHelp => Chosen is null
        ? "Choose an answer to go on."
        : IsLast && !Context.CanFinish ? "You can finish in a moment." : IsLast ? "This is the last question." : "";

    private List<(string Item, string Query, string? Reply, int? ReplyTurn)> ExchangesOf(string item) => exchanges.Where(e => e.Item == item).ToList();

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        try
        {
            var set = await Session.StimuliAsync(lifetime.Token);
            if (set is null || set.Kind != QaStimulusFormat.KindKey)
            {
                loadProblem = "This step has no questions set up. Please contact the researchers.";
                return;
            }
            var items = QaPlan.For(Session, set.ItemsAs<QaItem>());
            Restore(await Session.ReadEventsAsync(lifetime.Token), await Session.ReadTurnsAsync(lifetime.Token), items);
            plan = items;
            await MarkShownAsync();
            _ = ResumeAnswerAsync();
        }
        catch (PlatformProblemException e)
        {
            loadProblem = e.Detail;
        }
    }

    /// <inheritdoc />
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (plan is not null && self is null)
        {
            self = DotNetObjectReference.Create(this);
            try
            {
                pageWatch = await JS.InvokeAsync<IJSObjectReference>("import", lifetime.Token, "./Components/Tasks/QuestionAnswering/QuestionAnsweringStage.razor.js");
                if (pageWatch is not null) await pageWatch.InvokeVoidAsync("watch", lifetime.Token, self);
            }
            catch (JSDisconnectedException) { }
            catch (OperationCanceledException) { }
        }
        if (focusQuestion)
        {
            focusQuestion = false;
            await questionHeading.FocusAsync();
        }
    }

    // Questions shown, answers and questions left (replayed from the events), and each question's queries and replies.
    private void Restore(IReadOnlyList<TaskEventRecord> events, IReadOnlyList<TaskTurn> turns, IReadOnlyList<QaPlanItem> items)
    {
        progress = QaProgress.Replay(events);
        Pair(turns);
        current = progress.Position(items);
    }

    // Each query with the answer that followed it (none when it was lost).
    private void Pair(IReadOnlyList<TaskTurn> turns)
    {
        exchanges.Clear();
        foreach (var turn in turns.Where(t => t.ItemKey is not null))
        {
            if (turn.Role == TurnRole.Participant) exchanges.Add((turn.ItemKey!, turn.Text, null, null));
            else if (exchanges.FindLastIndex(x => x.Item == turn.ItemKey && x.Reply is null) is var open and >= 0)
                exchanges[open] = exchanges[open] with { Reply = turn.Text, ReplyTurn = turn.Index };
        }
    }

    // After a reload while the assistant was answering, the answer goes on on the server: show it growing until it is
    // saved, as the chat does (the same resume path), then show what was stored.
    private async Task ResumeAnswerAsync()
    {
        if (exchanges.FindLastIndex(e => e.Reply is null) is not (>= 0 and var open)) return;
        var (item, query, _, _) = exchanges[open];
        try
        {
            await foreach (var text in Session.FollowAnswerAsync(lifetime.Token))
            {
                if (!asking)
                {
                    exchanges.RemoveAt(open);
                    asking = true;
                    pendingQuery = query;
                }
                streamingText = text;
                await InvokeAsync(StateHasChanged);
            }
            if (!asking) return;
            Pair(await Session.ReadTurnsAsync(lifetime.Token));
            if (ExchangesOf(item).LastOrDefault() is { Reply: { } reply, ReplyTurn: { } turn })
            {
                await RecordAsync(QuestionAnsweringTask.ReplyShown, new { item, turn });
                announcement = $"{Session.ModelLabel} replied: {reply}";
            }
            asking = false;
            pendingQuery = null;
            await InvokeAsync(StateHasChanged);
        }
        catch (OperationCanceledException)
        {
            // The participant left the page.
        }
    }

    private async Task MarkShownAsync()
    {
        var entry = plan![current];
        if (!progress.Show(entry.Item.Id, entry.Assisted, plan.Count)) return;
        await RecordAsync(QuestionAnsweringTask.Shown, new { item = entry.Item.Id, assisted = entry.Assisted, position = entry.Position, count = plan.Count });
    }

    // Choosing stays possible while a reply streams in; only moving on waits for it.
    private async Task ChooseAsync(string letter)
    {
        if (Context.Disabled) return;
        progress.Choose(Item.Id, letter);
        await RecordAsync(QuestionAnsweringTask.Answer, new { item = Item.Id, choice = letter });
    }

    private async Task NextAsync()
    {
        if (Locked || Chosen is null || IsLast) return;
        await LeaveAsync();
        current++;
        draft = "";
        draftVersion++;
        askProblem = null;
        announcement = "";
        focusQuestion = true;
        await MarkShownAsync();
    }

    private async Task FinishAsync()
    {
        if (Locked || Chosen is null || !IsLast) return;
        await LeaveAsync();
        await Context.FinishAsync();
    }

    private async Task LeaveAsync()
    {
        if (progress.Leave(Item.Id)) await RecordAsync(QuestionAnsweringTask.Next, new { item = Item.Id });
    }

    private async Task AskAsync()
    {
        var entry = plan![current];
        var query = draft.Trim();
        if (Locked || !entry.Assisted || query.Length == 0) return;
        var item = entry.Item;
        askProblem = null;
        announcement = "";
        asking = true;
        queued = false;
        pendingQuery = query;
        streamingText = "";
        draft = "";
        draftVersion++;
        string? reply = null;
        int? replyTurn = null;
        try
        {
            await RecordAsync(QuestionAnsweringTask.Query, new { item = item.Id, length = query.Length });
            var prompt = new TaskPrompt(item.Id, query, PromptStyle.Completion, QaPlan.Prompt(Session.Task, item, query));
            var throttle = new RenderThrottle(RenderInterval, () => InvokeAsync(StateHasChanged), Time);
            await foreach (var piece in Session.AskAsync(prompt, lifetime.Token, Queued))
            {
                queued = false;
                streamingText += piece;
                throttle.Request();
            }
            // What was stored (cleaned) is what the participant reads from now on, as after a reload.
            var saved = (await Session.ReadTurnsAsync(lifetime.Token)).LastOrDefault(t => t.Role == TurnRole.Model && t.ItemKey == item.Id);
            reply = saved?.Text ?? streamingText.Trim();
            replyTurn = saved?.Index;
            if (saved is not null) await RecordAsync(QuestionAnsweringTask.ReplyShown, new { item = item.Id, turn = saved.Index });
            announcement = $"{Session.ModelLabel} replied: {reply}";
        }
        catch (PlatformProblemException e)
        {
            askProblem = e.Detail;
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // E.g. the builder's preview on a model that is not reachable: the participant can still answer alone.
            askProblem = "The assistant could not answer this time. Please try again.";
        }
        finally
        {
            exchanges.Add((item.Id, query, reply, replyTurn));
            asking = false;
            queued = false;
            pendingQuery = null;
        }
    }

    // The assistant is busy: say that the question waits in line.
    private void Queued()
    {
        queued = true;
        _ = InvokeAsync(StateHasChanged);
    }

    /// <summary>The window lost focus (called from the page script): recorded with the question on screen.</summary>
    [JSInvokable]
    public async Task OnPageBlur()
    {
        if (plan is null) return;
        await RecordAsync(QuestionAnsweringTask.Blur, new { item = Item.Id });
    }

    /// <summary>The window got focus back: recorded, and the warning shown when the stage asks for it.</summary>
    [JSInvokable]
    public async Task OnPageFocus()
    {
        if (plan is null) return;
        await RecordAsync(QuestionAnsweringTask.Focus, new { item = Item.Id });
        if (!Session.Task.BoolSetting(QuestionAnsweringTask.BlurWarningSetting, false) || warningVisible) return;
        warningVisible = true;
        await InvokeAsync(StateHasChanged);
        await RecordAsync(QuestionAnsweringTask.WarningShown, new { item = Item.Id });
    }

    // Events are saved one after another in the order they happened, even when a click comes while the previous
    // event is still being saved.
    private Task RecordAsync(string type, object payload)
    {
        var previous = recording;
        recording = Next();
        return recording;

        async Task Next()
        {
            try { await previous; } catch (PlatformProblemException) { }
            try
            {
                await Session.RecordAsync(type, payload, lifetime.Token);
            }
            catch (PlatformProblemException e)
            {
                askProblem = e.Detail;
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await lifetime.CancelAsync();
        if (pageWatch is not null)
        {
            try
            {
                await pageWatch.InvokeVoidAsync("unwatch");
                await pageWatch.DisposeAsync();
            }
            catch (JSDisconnectedException) { }
        }
        self?.Dispose();
        lifetime.Dispose();
        GC.SuppressFinalize(this);
    }
}
