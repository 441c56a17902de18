namespace InteractionLab.Domain.Studies;

/// <summary>
/// Everything that defines how a study runs. It is frozen into a study version and hashed, and
/// every session and record carries that hash, so a result can always be traced to the exact configuration.
/// </summary>
public sealed record StudyConfig
{
    /// <summary>Title shown to participants.</summary>
    public required string Title { get; init; }
    /// <summary>Ordered stages a participant walks through.</summary>
    public required IReadOnlyList<StageConfig> Stages { get; init; }
    /// <summary>Conditions participants are assigned to (at least one).</summary>
    public required IReadOnlyList<ConditionConfig> Conditions { get; init; }
    /// <summary>How conditions are assigned.</summary>
    public AssignmentConfig Assignment { get; init; } = new();
    /// <summary>Recruitment platform settings (completion code, redirect).</summary>
    public RecruitmentConfig Recruitment { get; init; } = new();
}

/// <summary>The kinds of stage a study is made of.</summary>
public enum StageKind
{
    /// <summary>Consent form; nothing is recorded before it is accepted.</summary>
    Consent,
    /// <summary>Instructions page.</summary>
    Instructions,
    /// <summary>An interactive task from the task catalog.</summary>
    Task,
    /// <summary>A questionnaire.</summary>
    Survey,
    /// <summary>Last page with the completion code.</summary>
    Debrief,
}

/// <summary>One step of the study.</summary>
/// <param name="Key">Stable key, unique within the study (used in data exports).</param>
/// <param name="Kind">What the stage is.</param>
/// <param name="Title">Heading shown to the participant.</param>
/// <param name="Body">Text (plain, paragraphs separated by blank lines) for consent/instructions/debrief.</param>
/// <param name="Task">Task settings when <paramref name="Kind"/> is Task.</param>
/// <param name="Survey">Questions when <paramref name="Kind"/> is Survey.</param>
public sealed record StageConfig(
    string Key,
    StageKind Kind,
    string Title,
    string? Body = null,
    TaskConfig? Task = null,
    SurveyConfig? Survey = null);

/// <summary>Settings of an interactive task.</summary>
/// <param name="Type">Task type from the catalog, e.g. "social-dialogue".</param>
/// <param name="Scenarios">Scenarios the participant may be given (social dialogue).</param>
/// <param name="MinTurns">Participant turns required before the task can be ended.</param>
/// <param name="MaxTurns">Participant turns after which the task ends by itself.</param>
public sealed record TaskConfig(
    string Type,
    IReadOnlyList<string>? Scenarios = null,
    int MinTurns = 1,
    int MaxTurns = 30);

/// <summary>A questionnaire.</summary>
public sealed record SurveyConfig(IReadOnlyList<SurveyItem> Items);

/// <summary>The kinds of survey item.</summary>
public enum SurveyItemKind
{
    /// <summary>Likert scale from <see cref="SurveyItem.Min"/> to <see cref="SurveyItem.Max"/>.</summary>
    Likert,
    /// <summary>Free text.</summary>
    FreeText,
    /// <summary>A yes/no mark given per model turn of the participant's own transcript.</summary>
    TurnMark,
}

/// <summary>One question.</summary>
/// <param name="Key">Stable key (data column name).</param>
/// <param name="Kind">Kind of answer.</param>
/// <param name="Prompt">Question text.</param>
/// <param name="Min">Lowest Likert value.</param>
/// <param name="Max">Highest Likert value.</param>
/// <param name="MinLabel">Label of the lowest value.</param>
/// <param name="MaxLabel">Label of the highest value.</param>
/// <param name="Required">Whether an answer is required to go on.</param>
public sealed record SurveyItem(
    string Key,
    SurveyItemKind Kind,
    string Prompt,
    int Min = 1,
    int Max = 5,
    string? MinLabel = null,
    string? MaxLabel = null,
    bool Required = true);

/// <summary>One experimental condition: which model and how it is prompted.</summary>
/// <param name="Key">Stable key (data column).</param>
/// <param name="ParticipantLabel">Generic name shown to participants ("Chatbot"), never the model's identity.</param>
/// <param name="Model">Which model serves this condition.</param>
/// <param name="Decoding">Decoding settings.</param>
/// <param name="Prompt">Prompt template.</param>
/// <param name="Weight">Relative weight (1 for plain balancing).</param>
public sealed record ConditionConfig(
    string Key,
    string ParticipantLabel,
    ModelRef Model,
    DecodingSettings Decoding,
    PromptTemplate Prompt,
    int Weight = 1);

/// <summary>A model on an endpoint. Endpoint "local" means the in-process ONNX engine.</summary>
public sealed record ModelRef(string Endpoint, string Model);

/// <summary>Decoding settings recorded with every generation.</summary>
public sealed record DecodingSettings
{
    /// <summary>Sampling temperature; 0 means greedy.</summary>
    public float Temperature { get; init; } = 0.9f;
    /// <summary>Maximum new tokens.</summary>
    public int MaxTokens { get; init; } = 50;
    /// <summary>Nucleus sampling mass.</summary>
    public float TopP { get; init; } = 1f;
    /// <summary>Top-k cut-off (0 = off).</summary>
    public int TopK { get; init; }
    /// <summary>Sequences that end a generation (not included in the output).</summary>
    public IReadOnlyList<string> Stop { get; init; } = [];
    /// <summary>Seed for reproducible sampling; null picks one per request (and records it).</summary>
    public int? Seed { get; init; }
    /// <summary>Number of completions.</summary>
    public int N { get; init; } = 1;
}

/// <summary>How a prompt is sent.</summary>
public enum PromptStyle
{
    /// <summary>A raw text prompt continued by the model (few-shot, as in HALIE).</summary>
    Completion,
    /// <summary>Chat messages with a system prompt.</summary>
    Chat,
}

/// <summary>
/// A prompt template. For <see cref="PromptStyle.Completion"/> the template is rendered with
/// <c>{scenario}</c> and <c>{history}</c>; the history lines use <see cref="UserPrefix"/> and
/// <see cref="ModelPrefix"/>. For chat, the template is the system prompt.
/// </summary>
public sealed record PromptTemplate(
    PromptStyle Style,
    string Template,
    string UserPrefix = "User: ",
    string ModelPrefix = "Chatbot: ");

/// <summary>Assignment settings.</summary>
/// <param name="AbandonAfterMinutes">An in-progress session silent this long no longer counts toward balance.</param>
public sealed record AssignmentConfig(int AbandonAfterMinutes = 60);

/// <summary>Recruitment settings.</summary>
/// <param name="CompletionCode">Code shown at the end (and sent to Prolific).</param>
/// <param name="ProlificCompletionUrl">Base URL; the code is appended as <c>?cc=</c>.</param>
public sealed record RecruitmentConfig(
    string CompletionCode = "",
    string? ProlificCompletionUrl = null);
