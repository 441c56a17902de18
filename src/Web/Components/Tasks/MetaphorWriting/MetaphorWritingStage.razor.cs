using InteractionLab.Api;
using InteractionLab.Api.Tasks;
using InteractionLab.Api.Tasks.MetaphorWriting;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Writing;
using InteractionLab.Web.Components.Tasks;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace InteractionLab.Web.Components.Tasks.MetaphorWriting;

/// <summary>The metaphor writing task's participant component (see the markup's comment).</summary>
public partial class MetaphorWritingStage
{
    /// <summary>Path of the editor's trace module.</summary>
    public const string ModulePath = "./js/tasks/metaphor-editor.js";

    private ElementReference editor;
    private IJSObjectReference? module;
    private DotNetObjectReference<MetaphorWritingStage>? self;
    private MetaphorSeed? seed;
    private MetaphorWritingProgress progress = new();
    private string? lastDraftText;
    private IReadOnlyList<string>? suggestions;
    private int active;
    private bool busy;
    private string? status;
    private string? message;
    private string? problem;

    /// <summary>The stage as the participant session hands it over.</summary>
    [Parameter, EditorRequired] public TaskStageContext Context { get; set; } = default!;

    private ITaskSession Session => Context.Session;
    private IReadOnlyList<MetaphorSentence> Sentences => progress.Sentences;
    private int SuggestionCount => MetaphorWritingTask.SuggestionCount(Session.Task);

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        try
        {
            progress = MetaphorWritingProgress.Replay(await Session.ReadEventsAsync());
            lastDraftText = progress.Draft.Text;
            var set = await Session.StimuliAsync();
            var seeds = set?.ItemsAs<MetaphorSeed>() ?? [];
            if (seeds.Count == 0)
            {
                problem = "This step has no seed metaphor to write about. Please contact the researchers.";
                return;
            }
            // The participant writes about the first seed of their item order (fixed, counterbalanced or shuffled).
            var given = seeds[Session.ItemOrder(seeds.Count)[0]];
            if (!progress.SeedShown)
                progress.Apply(await Session.RecordAsync(MetaphorWritingTask.SeedShown, new { id = given.Id, seed = given.Seed }));
            seed = given;
        }
        catch (PlatformProblemException e)
        {
            problem = e.Detail;
        }
    }

    /// <inheritdoc />
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // After-render callbacks also run while OnInitializedAsync is still awaiting: wait for the editor to exist.
        if (seed is null || module is not null || string.IsNullOrEmpty(editor.Id)) return;
        module = await JS.InvokeAsync<IJSObjectReference>("import", ModulePath);
        self = DotNetObjectReference.Create(this);
        await module.InvokeVoidAsync("attach", editor, self, Session.Session.Value.ToString("N"), Session.Stage.Key, progress.Draft.Text, progress.Draft.EventNum);
    }

    /// <summary>Tab (or the button): asks the model for suggestions and shows them as a list.</summary>
    [JSInvokable]
    public async Task RequestSuggestions()
    {
        if (busy || Context.Disabled || seed is null || module is null) return;
        busy = true;
        message = null;
        await CloseListAsync(log: suggestions is not null);
        var state = await module.InvokeAsync<EditorState?>("state");
        var decoding = Decoding();
        await Log("suggestion-get", decoding);
        status = "Getting suggestions…";
        StateHasChanged();
        try
        {
            var prompt = new TaskPrompt(seed.Id, null, PromptStyle.Completion,
                MetaphorWritingTask.PromptFor(Session.Task, seed.Seed, state?.BeforeCursor ?? ""));
            var texts = (await Session.SuggestAsync(prompt, SuggestionCount)).Select(t => t.Trim()).Where(t => t.Length > 0).Distinct().ToList();
            if (texts.Count == 0)
            {
                await Log("suggestion-fail", new Dictionary<string, object?>(decoding) { ["reason"] = "empty" });
                status = null;
                message = "The AI had no suggestion this time. Press Tab to try again.";
                return;
            }
            suggestions = texts;
            active = 0;
            await Log("suggestion-open", Shown());
            await module.InvokeVoidAsync("setListOpen", true);
            status = $"{texts.Count} suggestions. {Announce()}";
        }
        catch (PlatformProblemException e)
        {
            await Log("suggestion-fail", new Dictionary<string, object?>(decoding) { ["reason"] = e.Detail });
            status = null;
            message = e.Detail;
        }
        finally
        {
            busy = false;
            StateHasChanged();
        }
        // After the button (rather than Tab) the list is browsed from the editor too.
        await editor.FocusAsync();
    }

    /// <summary>A key pressed in the editor while the list is open: ↑/↓ browse, Enter picks, Esc closes.</summary>
    [JSInvokable]
    public async Task SuggestionKey(string key)
    {
        if (suggestions is not { Count: > 0 } list) return;
        switch (key)
        {
            case "ArrowDown":
                active = (active + 1) % list.Count;
                await Log("suggestion-down", Shown());
                status = Announce();
                break;
            case "ArrowUp":
                active = (active - 1 + list.Count) % list.Count;
                await Log("suggestion-up", Shown());
                status = Announce();
                break;
            case "Enter":
                await PickAsync(active);
                break;
            case "Escape":
                await CloseListAsync(log: true);
                status = "Suggestions closed.";
                break;
        }
        StateHasChanged();
    }

    /// <summary>The editor's text, saved on the server when the participant pauses (for resuming elsewhere).</summary>
    [JSInvokable]
    public async Task SaveDraft(string text, int eventNum)
    {
        // Not while suggestions are being saved: the model's turns claim the session's next server event numbers, and
        // a draft written at the same moment would make one of them fail. The local copy keeps the text meanwhile.
        if (text == lastDraftText || busy) return;
        lastDraftText = text;
        await Session.RecordAsync(MetaphorWritingTask.Draft, new { text, eventNum });
        progress.SaveDraft(text, eventNum);
    }

    private async Task PickAsync(int index)
    {
        if (suggestions is not { } list || index < 0 || index >= list.Count || module is null) return;
        active = index;
        var picked = list[index];
        var fields = Shown();
        suggestions = null;
        await module.InvokeVoidAsync("setListOpen", false);
        await module.InvokeAsync<int>("insertSuggestion", picked, fields);
        status = "Suggestion inserted. You can edit it.";
    }

    private async Task HoverAsync(int index)
    {
        if (suggestions is null) return;
        await Log("suggestion-hover", new Dictionary<string, object?>(Shown()) { ["currentHoverIndex"] = index });
    }

    private async Task CloseListAsync(bool log)
    {
        if (suggestions is null) return;
        if (log) await Log("suggestion-close", Shown());
        suggestions = null;
        if (module is not null) await module.InvokeVoidAsync("setListOpen", false);
    }

    private async Task AddSentenceAsync()
    {
        if (module is null || busy) return;
        message = null;
        var state = await module.InvokeAsync<EditorState?>("state");
        var text = state?.Text.Trim() ?? "";
        if (text.Length == 0)
        {
            message = "Write a sentence in the editor first.";
            return;
        }
        busy = true;
        try
        {
            await CloseListAsync(log: true);
            // Saved first, cleared second: a failed save leaves the sentence in the editor, never lost.
            var sentence = new MetaphorSentence(Guid.NewGuid().ToString("N")[..12], text);
            await Session.RecordAsync(MetaphorWritingTask.SentenceAdd, new { id = sentence.Id, text, eventNum = state!.EventNum });
            progress.Add(sentence, state.EventNum);
            await module.InvokeAsync<int>("clear", SentenceBlocks.EditorSubmissionReason);
            lastDraftText = "";
            status = $"Added to your list ({Sentences.Count}).";
        }
        catch (PlatformProblemException e)
        {
            message = e.Detail;
        }
        finally
        {
            busy = false;
        }
    }

    private async Task RemoveAsync(MetaphorSentence sentence)
    {
        try
        {
            await Session.RecordAsync(MetaphorWritingTask.SentenceRemove, new { id = sentence.Id });
            progress.Remove(sentence.Id);
            status = "Removed from your list.";
        }
        catch (PlatformProblemException e)
        {
            message = e.Detail;
        }
    }

    private async Task FinishAsync()
    {
        await CloseListAsync(log: true);
        // The server enforces the same rule; checking here shows the reason next to the button at once.
        if (Sentences.Count == 0)
        {
            message = "Add at least one sentence to your list before finishing.";
            return;
        }
        await Context.FinishAsync();
    }

    private string Announce() => suggestions is { } list ? $"Suggestion {active + 1} of {list.Count}: {list[active]}" : "";

    // CoAuthor's fields for the list on screen.
    private Dictionary<string, object?> Shown() => new()
    {
        ["currentSuggestions"] = (suggestions ?? []).Select((s, i) => new Dictionary<string, object?>
        {
            ["original"] = s, ["trimmed"] = s, ["index"] = i, ["model"] = Session.ModelLabel,
        }).ToList(),
        ["currentSuggestionIndex"] = active,
    };

    // The decoding settings the suggestions are asked with (the task's defaults with the stage's overrides).
    private Dictionary<string, object?> Decoding()
    {
        var task = Session.Task;
        return new()
        {
            ["currentN"] = SuggestionCount,
            ["currentTemperature"] = task.NumberSetting("temperature", 0.9),
            ["currentMaxToken"] = task.IntSetting("max-tokens", 30),
            ["currentTopP"] = task.NumberSetting("top-p", 1),
        };
    }

    private async Task Log(string name, Dictionary<string, object?> fields)
    {
        if (module is not null) await module.InvokeAsync<int>("log", name, fields);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (module is not null)
        {
            try
            {
                await module.InvokeVoidAsync("detach");
                await module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The page is gone; the browser's trace is already in localStorage.
            }
        }
        self?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>What the editor module reports about itself.</summary>
    /// <param name="Text">The whole text.</param>
    /// <param name="BeforeCursor">The text before the cursor (what suggestions continue).</param>
    /// <param name="EventNum">The editor's running event number.</param>
    public sealed record EditorState(string Text, string BeforeCursor, int EventNum);
}
