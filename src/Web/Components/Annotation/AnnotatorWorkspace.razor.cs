using System.Globalization;
using InteractionLab.Api;
using InteractionLab.Api.Annotation.Queue;
using InteractionLab.Domain.Annotation;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Surveys;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace InteractionLab.Web.Components.Annotation;

/// <summary>The annotator's workspace: the server's queue, one item at a time, keyboard first (see the markup's comment).</summary>
public sealed partial class AnnotatorWorkspace
{
    /// <summary>Reasons offered when skipping (number keys pick them).</summary>
    public static readonly IReadOnlyList<string> SkipReasons =
    [
        "I cannot judge this item.",
        "It is not in a language I read well.",
        "It shows something personal that should have been removed.",
        "The item is broken or empty.",
    ];

    [Inject] private AnnotationQueue Queue { get; set; } = null!;
    [Inject] private AnnotationSubmissions Submissions { get; set; } = null!;
    [Inject] private IJSRuntime JS { get; set; } = null!;

    /// <summary>The annotator (resolved by the page from the staff account or the crowd cookie).</summary>
    [Parameter, EditorRequired] public Guid AnnotatorId { get; set; }

    /// <summary>Guidelines to show before the first item arrives.</summary>
    [Parameter] public string? Guidelines { get; set; }

    private AnnotationNext? next;
    private AnnotationWork? work;
    private AnnotatorProgress? progress;
    private IReadOnlyList<SurveyItem> questions = [];
    private IReadOnlyList<SurveyItem> marks = [];
    private Dictionary<string, string> values = [];
    private Dictionary<int, IReadOnlySet<string>> ticked = [];
    private IReadOnlyDictionary<string, string> errors = new Dictionary<string, string>();
    private int active;
    private bool loaded, saving, showGuidelines, skipping, flag;
    private string? flagNote, skipReason, message;
    private string skipOther = "";
    private string? guidelines;
    private Task draftSaved = Task.CompletedTask;
    private (long?, int) revealed;
    private DotNetObjectReference<AnnotatorWorkspace>? self;
    private IJSObjectReference? keys;

    private string? SkipText => skipOther.Trim().Length > 0 ? skipOther.Trim() : skipReason;

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        guidelines = Guidelines;
        await LoadAsync();
    }

    /// <inheritdoc />
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            if (keys is not null && revealed != (work?.AssignmentId, active)) await keys.InvokeVoidAsync("reveal");
            revealed = (work?.AssignmentId, active);
            return;
        }
        self = DotNetObjectReference.Create(this);
        keys = await JS.InvokeAsync<IJSObjectReference>("import", "./Components/Annotation/AnnotatorWorkspace.razor.js");
        await keys.InvokeVoidAsync("attach", self);
    }

    /// <summary>A key the annotator pressed outside a text field (the module decides which keys reach here).</summary>
    [JSInvokable]
    public async Task OnKey(string key)
    {
        if (showGuidelines && key is "Escape" or "g" or "G" or "?") showGuidelines = false;
        else if (skipping) await SkipKeyAsync(key);
        else if (key is "g" or "G" or "?") showGuidelines = true;
        else if (work is null) return;
        else if (key is "s" or "S") OpenSkip();
        else if (key is "f" or "F") flag = !flag;
        else if (key == "Enter") await SubmitAsync();
        else if (key == "ArrowDown") active = Math.Min(active + 1, Math.Max(0, questions.Count - 1));
        else if (key == "ArrowUp") active = Math.Max(active - 1, 0);
        else if (key.Length == 1 && key[0] is >= '1' and <= '9' && active < questions.Count
            && RatingForm.AnswerForKey(questions[active], key[0] - '0') is { } answer)
            await OnValueAsync((questions[active].Key, answer));
        StateHasChanged();
    }

    private async Task SkipKeyAsync(string key)
    {
        if (key == "Escape") skipping = false;
        else if (key == "Enter" && SkipText is not null) await SkipAsync();
        else if (key.Length == 1 && key[0] is >= '1' and <= '9' && key[0] - '1' < SkipReasons.Count) skipReason = SkipReasons[key[0] - '1'];
    }

    private async Task LoadAsync()
    {
        message = null;
        try
        {
            next = await Queue.NextAsync(AnnotatorId);
            progress = await Queue.ProgressAsync(AnnotatorId);
        }
        catch (PlatformProblemException e)
        {
            message = e.Detail;
        }
        work = next?.Work;
        loaded = true;
        if (work is null) return;
        questions = work.Questions.Where(q => q.Kind != SurveyItemKind.TurnMark).ToList();
        marks = work.Questions.Where(q => q.Kind == SurveyItemKind.TurnMark).ToList();
        values = work.Draft.Where(a => a.TurnIndex is null).ToDictionary(a => a.ItemKey, a => a.Value);
        ticked = work.Draft.Where(a => a.TurnIndex is not null && a.Value == "true").GroupBy(a => a.TurnIndex!.Value)
            .ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.Select(a => a.ItemKey).ToHashSet());
        active = Math.Max(0, questions.ToList().FindIndex(q => !values.ContainsKey(q.Key)));
        errors = new Dictionary<string, string>();
        flag = false;
        flagNote = null;
    }

    private async Task OnValueAsync((string Key, string Value) change)
    {
        values[change.Key] = change.Value;
        var index = questions.ToList().FindIndex(q => q.Key == change.Key);
        if (index == active)
        {
            var nextOpen = questions.Select((q, i) => (q, i)).FirstOrDefault(x => x.i > index && !values.ContainsKey(x.q.Key));
            active = nextOpen.q is null ? Math.Min(index + 1, questions.Count - 1) : nextOpen.i;
        }
        await SaveDraftAsync();
    }

    private async Task OnMarkAsync((int Turn, string Item, bool Marked) change)
    {
        var set = ticked.TryGetValue(change.Turn, out var existing) ? new HashSet<string>(existing) : [];
        if (change.Marked) set.Add(change.Item); else set.Remove(change.Item);
        ticked[change.Turn] = set;
        await SaveDraftAsync();
    }

    private IReadOnlyList<SurveyAnswer> Answers()
    {
        var aiTurns = work!.Content.AiTurnIndexes().Order();
        // Every AI reply gets every mark, so "not ticked" is an answer too, as in the participants' survey.
        var markAnswers = from turn in aiTurns from m in marks
                          select new SurveyAnswer(m.Key, ticked.TryGetValue(turn, out var s) && s.Contains(m.Key) ? "true" : "false", turn);
        return [.. values.Select(v => new SurveyAnswer(v.Key, v.Value)), .. markAnswers];
    }

    // Drafts are saved one after another, and a submission waits for the last one, so a late draft can never land
    // after the item was submitted.
    private Task SaveDraftAsync() => work is null ? Task.CompletedTask : draftSaved = SaveDraftAfterAsync(draftSaved, work, Answers());

    private async Task SaveDraftAfterAsync(Task previous, AnnotationWork? item, IReadOnlyList<SurveyAnswer> answers)
    {
        await previous;
        if (item is null) return;
        try
        {
            await Submissions.SaveDraftAsync(AnnotatorId, item.AssignmentId, answers);
        }
        catch (PlatformProblemException e) when (e.Status == 409)
        {
            // The item is no longer held (submitted, skipped or expired): there is nothing to keep.
        }
    }

    private async Task SubmitAsync()
    {
        if (work is null || saving) return;
        saving = true;
        try
        {
            await draftSaved;
            await Submissions.SubmitAsync(AnnotatorId, work.AssignmentId, new AnnotationSubmission(Answers(), flag, flagNote));
            await LoadAsync();
        }
        catch (PlatformProblemException e) when (e.Errors.Count > 0)
        {
            errors = e.Errors.ToDictionary(x => x.Key.Replace("answers.", "", StringComparison.Ordinal), x => string.Join(" ", x.Value));
            message = e.Detail;
            active = Math.Max(0, questions.ToList().FindIndex(q => errors.ContainsKey(q.Key)));
        }
        catch (PlatformProblemException e)
        {
            await LoadAsync();
            message = e.Detail;
        }
        finally
        {
            saving = false;
        }
    }

    private void OpenSkip()
    {
        skipping = true;
        skipReason = null;
        skipOther = "";
    }

    private async Task SkipAsync()
    {
        if (work is null || SkipText is not { } reason) return;
        saving = true;
        try
        {
            await Submissions.SkipAsync(AnnotatorId, work.AssignmentId, reason);
            skipping = false;
            await LoadAsync();
        }
        catch (PlatformProblemException e)
        {
            message = e.Detail;
        }
        finally
        {
            saving = false;
        }
    }

    private void ToggleGuidelines() => showGuidelines = !showGuidelines;

    private static string FinishedTitle(FinishedReason reason) => reason switch
    {
        FinishedReason.CapReached => "You have rated your share",
        FinishedReason.NotQualified => "Thank you for trying",
        FinishedReason.Excluded => "Your ratings are no longer needed",
        FinishedReason.Paused => "Rating is paused",
        FinishedReason.Closed => "This rating project has ended",
        _ => "Nothing to rate right now",
    };

    private static string FinishedText(FinishedReason reason) => reason switch
    {
        FinishedReason.CapReached => "Thank you — you rated as many items as this project asks of one person.",
        FinishedReason.NotQualified => "Your answers to the practice items did not match the expected ones closely enough to continue.",
        FinishedReason.Excluded => "A researcher has ended your work on this project.",
        FinishedReason.Paused => "The researchers paused this project. Please come back later.",
        FinishedReason.Closed => "Thank you for your work.",
        _ => "Every item has its raters, or the remaining ones are being rated by others. Look again in a while.",
    };

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (keys is not null)
            {
                await keys.InvokeVoidAsync("detach");
                await keys.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone with the page; nothing to detach.
        }
        self?.Dispose();
    }
}
