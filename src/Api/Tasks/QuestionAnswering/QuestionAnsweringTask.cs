using InteractionLab.Api.Stimuli;
using InteractionLab.Domain.Studies;

namespace InteractionLab.Api.Tasks.QuestionAnswering;

/// <summary>
/// HALIE's question answering: multiple-choice questions one at a time, with an "AI assistant" panel (free-text
/// query, streamed reply) enabled on a block of them and disabled on the others, the block first or last by
/// counterbalancing. The query goes to the model unchanged by default, at temperature 0.5 and 100 tokens.
/// </summary>
public sealed class QuestionAnsweringTask : ITaskType
{
    /// <summary>The task type's key.</summary>
    public const string TaskKey = "question-answering";
    /// <summary>Prefix of the task's events.</summary>
    public const string EventPrefix = "qa.";
    /// <summary>Setting: the prompt template.</summary>
    public const string PromptSetting = "prompt";
    /// <summary>Setting: warn the participant when they leave the page.</summary>
    public const string BlurWarningSetting = "blur-warning";
    /// <summary>The prompt HALIE used: the participant's query, unchanged.</summary>
    public const string DefaultPrompt = "{query}";

    /// <summary>Event types.</summary>
    public const string Shown = "qa.shown", Query = "qa.query", ReplyShown = "qa.reply-shown", Answer = "qa.answer",
        Next = "qa.next", Blur = "qa.blur", Focus = "qa.focus", WarningShown = "qa.warning-shown";

    /// <inheritdoc />
    public string Key => TaskKey;
    /// <inheritdoc />
    public string Name => "Question answering";
    /// <inheritdoc />
    public string Description => "Answer multiple-choice questions one at a time, with an AI assistant to ask on some of them.";

    /// <inheritdoc />
    public IReadOnlyList<TaskEventType> Events { get; } =
    [
        new(Shown, "A question appeared (first time only): item id, assisted (assistant enabled), position (0-based) and count (questions in the stage)."),
        new(Query, "The participant sent a query to the assistant: item and length (characters; the text itself is stored as a turn)."),
        new(ReplyShown, "The assistant's reply was shown in full: item and turn (index of the stored model turn)."),
        new(Answer, "An answer option was chosen: item and choice (option letter a, b, c…; the last one counts)."),
        new(Next, "The participant moved on from a question (Next, or Finish on the last one): item."),
        new(Blur, "The participant left the page (another tab or window): item on screen."),
        new(Focus, "The participant came back to the page: item on screen."),
        new(WarningShown, "The warning about leaving the page was shown (blur-warning on): item on screen."),
    ];

    /// <inheritdoc />
    public IReadOnlyList<TaskSetting> Settings { get; } =
    [
        new(QaPlan.AssistedCountSetting, "Questions with the assistant", QaPlan.DefaultAssistedCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "How many questions (attention checks aside) have the assistant enabled; the others are answered alone.", TaskSettingKind.Integer),
        new(QaPlan.OrderSetting, "Assisted questions first or last", QaPlan.Counterbalanced,
            "counterbalanced (even-numbered participants get the assistant first, odd ones last), assisted-first or assisted-last."),
        new(BlurWarningSetting, "Warn when leaving the page", "false",
            "Show a warning when the participant switches to another tab or window (leaving is recorded either way).", TaskSettingKind.Boolean),
        new(PromptSetting, "Prompt the model sees", DefaultPrompt,
            "The whole prompt sent for each query (the condition's dialogue prompt is not used here): {query} is the participant's query, {question} the question on screen. The default sends the query unchanged."),
    ];

    /// <inheritdoc />
    public DecodingSettings Decoding { get; } = new() { Temperature = 0.5f, MaxTokens = 100 };

    /// <inheritdoc />
    public StimulusFormat? Stimuli { get; } = new QaStimulusFormat();

    /// <inheritdoc />
    public SurveyConfig? DefaultSurvey { get; } = new(
        [
            new SurveyItem("fluency", SurveyItemKind.Likert, "How clear and well written were the assistant's answers?", 1, 5, "Not at all", "Very"),
            new SurveyItem("helpfulness", SurveyItemKind.Likert, "How much did the assistant help you answer the questions?", 1, 5, "Not at all", "A great deal"),
            new SurveyItem("ease", SurveyItemKind.Likert, "How easy was it to get useful answers from the assistant?", 1, 5, "Very hard", "Very easy"),
        ],
        "task-question-answering");

    /// <inheritdoc />
    public Type? MetricSource => typeof(QuestionAnsweringMetricSource);

    private static readonly QaItem ExampleItem = new("example", "Which planet is closest to the Sun?", ["Venus", "Mercury", "Mars", "Earth"], "b");
    private const string ExampleQuery = "Is Mercury closer than Venus?";

    /// <inheritdoc />
    public PromptPreview? PreviewPrompt(TaskConfig task) => new(
        $"With the question \"{ExampleItem.Question}\" on screen and the query \"{ExampleQuery}\", the model gets:",
        QaPlan.Prompt(task, ExampleItem, ExampleQuery));

    /// <inheritdoc />
    public string? CompletionProblem(TaskStageRecord record)
    {
        // The component records how many questions the stage has with every question it shows.
        var progress = QaProgress.Replay(record.Events);
        var (count, answered) = (progress.Count, progress.Answered);
        if (count == 0) return "Please answer the questions before finishing.";
        return answered < count
            ? $"Please answer every question before finishing ({answered} of {count} answered)."
            : null;
    }
}
