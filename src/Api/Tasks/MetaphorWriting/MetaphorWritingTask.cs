using InteractionLab.Api.Stimuli;
using InteractionLab.Domain.Studies;

namespace InteractionLab.Api.Tasks.MetaphorWriting;

/// <summary>
/// HALIE's metaphor writing: given a seed metaphor, the participant writes metaphorical sentences in an editor,
/// presses Tab for suggestions from the model (5 at temperature 0.9, at most 30 tokens, stopping at a full stop),
/// may pick and edit one, and adds finished sentences to a list. Every keystroke and suggestion interaction is
/// recorded in the browser in the CoAuthor trace format (<c>writing.*</c> events, see README.md) so a session
/// replays exactly like an imported CoAuthor log. Finish unlocks after the stage's <c>MinSeconds</c> (600 in HALIE).
/// </summary>
public sealed class MetaphorWritingTask : ITaskType
{
    /// <summary>The task type's key.</summary>
    public const string TaskKey = "metaphor-writing";

    /// <summary>Setting keys.</summary>
    public const string SuggestionsSetting = "suggestions", PromptSetting = "prompt";

    /// <summary>Server event types (the sentence list and the editor's saved draft).</summary>
    public const string SentenceAdd = "metaphor.sentence-add", SentenceRemove = "metaphor.sentence-remove",
        Draft = "metaphor.draft", SeedShown = "metaphor.seed-shown";

    /// <summary>Default completion template: <c>{seed}</c> is the metaphor, <c>{text}</c> the editor's text before the cursor.</summary>
    public const string DefaultPrompt =
        "Write vivid, original sentences that express a metaphor.\n\n" +
        "Metaphor: Ideas are food\nSentence: She chewed on the proposal for a week before she could swallow it.\n\n" +
        "Metaphor: An argument is war\nSentence: He shot down every point I made until my position was in ruins.\n\n" +
        "Metaphor: {seed}\nSentence: {text}";

    /// <summary>How many suggestions Tab asks for when the stage does not say.</summary>
    public const int DefaultSuggestions = 5;

    /// <inheritdoc />
    public string Key => TaskKey;
    /// <inheritdoc />
    public string Name => "Metaphor writing";
    /// <inheritdoc />
    public string Description => "Write sentences that express a seed metaphor, with model suggestions on Tab; keystrokes are traced for replay.";

    /// <inheritdoc />
    public IReadOnlyList<TaskEventType> Events { get; } =
    [
        new("writing.system-initialize", "Browser: the editor started (empty document, the prompt)."),
        new("writing.text-insert", "Browser: text typed or inserted, with the full Quill delta (the text itself is recorded: the study is about it)."),
        new("writing.text-delete", "Browser: text removed (delta); eventSource api with reason sentence-add when the editor is cleared after adding a sentence."),
        new("writing.cursor-forward", "Browser: the cursor moved forward (currentCursor)."),
        new("writing.cursor-backward", "Browser: the cursor moved backward."),
        new("writing.cursor-select", "Browser: text was selected."),
        new("writing.suggestion-get", "Browser: Tab asked for suggestions (decoding settings)."),
        new("writing.suggestion-open", "Browser: the suggestions were shown (currentSuggestions)."),
        new("writing.suggestion-up", "Browser: ↑ in the suggestion list (currentSuggestionIndex)."),
        new("writing.suggestion-down", "Browser: ↓ in the suggestion list."),
        new("writing.suggestion-hover", "Browser: the pointer rested on a suggestion (currentHoverIndex)."),
        new("writing.suggestion-select", "Browser: a suggestion was picked; the following api text-insert puts it in the editor."),
        new("writing.suggestion-close", "Browser: the list was closed without picking (Esc)."),
        new("writing.suggestion-fail", "Browser: the model call failed or returned nothing."),
        new(SeedShown, "Server: the seed metaphor the participant was given (id, seed)."),
        new(SentenceAdd, "Server: a sentence moved to the participant's list (id, text, eventNum of the editor state)."),
        new(SentenceRemove, "Server: a sentence removed from the list (id)."),
        new(Draft, "Server: the editor's text saved for resuming after a reload (text, eventNum)."),
    ];

    /// <inheritdoc />
    public IReadOnlyList<TaskSetting> Settings { get; } =
    [
        new(SuggestionsSetting, "Suggestions per Tab", DefaultSuggestions.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "How many completions the model offers each time the participant presses Tab (1–10).", TaskSettingKind.Integer),
        new(PromptSetting, "Completion prompt", DefaultPrompt,
            "Completion template: {seed} is the seed metaphor, {text} the participant's text before the cursor. Finish unlocks after the stage's minimum time (600 s in HALIE)."),
    ];

    /// <inheritdoc />
    public DecodingSettings Decoding { get; } = new() { Temperature = 0.9f, MaxTokens = 30, Stop = ["."] };

    /// <inheritdoc />
    public StimulusFormat? Stimuli { get; } = new MetaphorSeedFormat();

    /// <inheritdoc />
    public SurveyConfig? DefaultSurvey { get; } = new(
        [
            Likert("fluency", "The AI's suggestions were fluent and well written."),
            Likert("new_ideas", "The AI's suggestions gave me new ideas."),
            Likert("ease", "It was easy to write with the AI's help."),
            Likert("enjoyment", "I enjoyed writing with the AI."),
            Likert("satisfaction", "I am satisfied with the sentences I wrote."),
            Likert("ownership", "I feel the sentences I wrote are my own."),
            Likert("reuse", "I would use this AI again for writing like this."),
        ],
        "task-metaphor-writing");

    /// <inheritdoc />
    public Type? MetricSource => typeof(MetaphorWritingMetricSource);

    /// <summary>How many suggestions a stage asks for (1–10).</summary>
    public static int SuggestionCount(TaskConfig task) => Math.Clamp(task.IntSetting(SuggestionsSetting, DefaultSuggestions), 1, 10);

    /// <summary>The completion prompt for a seed and the text before the cursor.</summary>
    public static string PromptFor(TaskConfig task, string seed, string textBeforeCursor) =>
        task.Setting(PromptSetting, DefaultPrompt).Replace("\\n", "\n", StringComparison.Ordinal)
            .Replace("{seed}", seed, StringComparison.Ordinal).Replace("{text}", textBeforeCursor, StringComparison.Ordinal);

    /// <inheritdoc />
    public string? CompletionProblem(TaskStageRecord record) =>
        MetaphorSentences.From(record.Events).Count == 0
            ? "Add at least one sentence to your list before finishing (write it in the editor, then press “Add sentence to my list”)."
            : null;

    private static SurveyItem Likert(string key, string prompt) => new(key, SurveyItemKind.Likert, prompt, 1, 5, "Strongly disagree", "Strongly agree");
}
