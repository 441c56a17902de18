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
/// <param name="MinSeconds">The participant cannot go on before this many seconds on the stage (0 = no minimum).</param>
/// <param name="TimeLimitSeconds">The stage ends by itself after this many seconds (null = no limit).</param>
/// <param name="ItemOrder">Order of the stage's items (task items or survey questions) per participant.</param>
public sealed record StageConfig(
    string Key,
    StageKind Kind,
    string Title,
    string? Body = null,
    TaskConfig? Task = null,
    SurveyConfig? Survey = null,
    int MinSeconds = 0,
    int? TimeLimitSeconds = null,
    ItemOrder ItemOrder = ItemOrder.Fixed);

/// <summary>How a stage's items are ordered for each participant.</summary>
public enum ItemOrder
{
    /// <summary>As configured.</summary>
    Fixed,
    /// <summary>
    /// Counterbalanced: participants are numbered per condition in order of assignment and participant k gets the
    /// configured order rotated by k (a Latin square over item positions), so every item appears in every position
    /// equally often.
    /// </summary>
    Counterbalanced,
    /// <summary>Shuffled with a seed derived from the session id (reproducible, recorded).</summary>
    Random,
}

/// <summary>Settings of an interactive task.</summary>
/// <param name="Type">Task type from the catalog, e.g. "social-dialogue".</param>
/// <param name="Scenarios">Scenarios the participant may be given (social dialogue).</param>
/// <param name="MinTurns">Participant turns required before the task can be ended.</param>
/// <param name="MaxTurns">Participant turns after which the task ends by itself.</param>
/// <param name="Settings">
/// The task type's own settings by key (see the task catalog: each type lists its keys, defaults and meaning).
/// Kept as text so that a new task type needs no change to the study config.
/// </param>
/// <param name="Stimuli">Key of the stimulus set (items, puzzle, documents, seeds) the task uses, if it needs one.</param>
public sealed record TaskConfig(
    string Type,
    IReadOnlyList<string>? Scenarios = null,
    int MinTurns = 1,
    int MaxTurns = 30,
    IReadOnlyDictionary<string, string>? Settings = null,
    string? Stimuli = null)
{
    /// <summary>The setting's text, or <paramref name="fallback"/> when it is not set.</summary>
    public string Setting(string key, string fallback) =>
        Settings is not null && Settings.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : fallback;

    /// <summary>The setting as a whole number, or <paramref name="fallback"/> when it is not set or not a number.</summary>
    public int IntSetting(string key, int fallback) =>
        int.TryParse(Setting(key, ""), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : fallback;

    /// <summary>The setting as a number, or <paramref name="fallback"/> when it is not set or not a number.</summary>
    public double NumberSetting(string key, double fallback) =>
        double.TryParse(Setting(key, ""), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : fallback;

    /// <summary>The setting as true/false ("true", "yes", "1"), or <paramref name="fallback"/> when it is not set.</summary>
    public bool BoolSetting(string key, bool fallback) => Setting(key, "").ToLowerInvariant() switch
    {
        "true" or "yes" or "1" or "on" => true,
        "false" or "no" or "0" or "off" => false,
        _ => fallback,
    };

    /// <summary>The setting's non-empty lines (lists such as questions or contexts), or none.</summary>
    public IReadOnlyList<string> LinesSetting(string key) =>
        Setting(key, "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>A questionnaire.</summary>
/// <param name="Items">Questions in order.</param>
/// <param name="InstrumentKey">Key of the reusable instrument it was copied from, if any (kept for provenance).</param>
public sealed record SurveyConfig(IReadOnlyList<SurveyItem> Items, string? InstrumentKey = null);

/// <summary>The kinds of survey item.</summary>
public enum SurveyItemKind
{
    /// <summary>Likert scale from <see cref="SurveyItem.Min"/> to <see cref="SurveyItem.Max"/>.</summary>
    Likert,
    /// <summary>Free text.</summary>
    FreeText,
    /// <summary>A yes/no mark given per model turn of the participant's own transcript.</summary>
    TurnMark,
    /// <summary>Yes or no; stored as "yes" / "no".</summary>
    YesNo,
    /// <summary>One of <see cref="SurveyItem.Options"/>; stored as the option text.</summary>
    MultipleChoice,
    /// <summary>A slider from <see cref="SurveyItem.Min"/> to <see cref="SurveyItem.Max"/> in steps of <see cref="SurveyItem.Step"/>.</summary>
    Slider,
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
/// <param name="Options">Choices of a multiple-choice item.</param>
/// <param name="Step">Step of a slider.</param>
/// <param name="ReverseCoded">
/// Likert/slider item worded in reverse; analyses (results page, exports' <c>scored</c> value) use Min + Max − answer.
/// The raw answer is stored unchanged.
/// </param>
/// <param name="AttentionCheck">Set when the item is an attention check: the answer that passes it.</param>
/// <param name="Labels">Labels of every Likert point from Min to Max (optional; else only the end labels).</param>
public sealed record SurveyItem(
    string Key,
    SurveyItemKind Kind,
    string Prompt,
    int Min = 1,
    int Max = 5,
    string? MinLabel = null,
    string? MaxLabel = null,
    bool Required = true,
    IReadOnlyList<string>? Options = null,
    int Step = 1,
    bool ReverseCoded = false,
    string? AttentionCheck = null,
    IReadOnlyList<string>? Labels = null);

/// <summary>One experimental condition: which model and how it is prompted.</summary>
/// <param name="Key">Stable key (data column).</param>
/// <param name="ParticipantLabel">Generic name shown to participants ("Chatbot"), never the model's identity.</param>
/// <param name="Model">Which model serves this condition.</param>
/// <param name="Decoding">Decoding settings.</param>
/// <param name="Prompt">Prompt template.</param>
/// <param name="Weight">Relative weight (1 for plain balancing; used by <see cref="AssignmentMode.Weighted"/>).</param>
/// <param name="Quota">
/// Most sessions the condition takes (completed plus in progress, not abandoned); null = no quota. When every
/// condition a participant could get is full, the participant is screened out with the study-full page.
/// </param>
public sealed record ConditionConfig(
    string Key,
    string ParticipantLabel,
    ModelRef Model,
    DecodingSettings Decoding,
    PromptTemplate Prompt,
    int Weight = 1,
    int? Quota = null);

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

/// <summary>How conditions are assigned.</summary>
public enum AssignmentMode
{
    /// <summary>The condition with the fewest sessions (ties broken at random); weights ignored.</summary>
    Balanced,
    /// <summary>Sessions split in proportion to <see cref="ConditionConfig.Weight"/> (the condition furthest below its share).</summary>
    Weighted,
    /// <summary>The condition key comes from a URL parameter (<see cref="AssignmentConfig.UrlParameter"/>); unknown keys are refused.</summary>
    UrlParameter,
}

/// <summary>Assignment settings.</summary>
/// <param name="AbandonAfterMinutes">An in-progress session silent this long no longer counts toward balance.</param>
/// <param name="Mode">How a condition is chosen.</param>
/// <param name="UrlParameter">Query parameter carrying the condition key in <see cref="AssignmentMode.UrlParameter"/> mode.</param>
public sealed record AssignmentConfig(
    int AbandonAfterMinutes = 60,
    AssignmentMode Mode = AssignmentMode.Balanced,
    string UrlParameter = "condition");

/// <summary>Where participants are recruited.</summary>
public enum RecruitmentPlatform
{
    /// <summary>Open link; the completion code is shown.</summary>
    None,
    /// <summary>Prolific: PROLIFIC_PID / STUDY_ID / SESSION_ID parameters, redirect with <c>?cc=</c>.</summary>
    Prolific,
    /// <summary>MTurk external question: workerId / assignmentId / hitId parameters, submit to externalSubmit.</summary>
    MTurk,
}

/// <summary>Recruitment settings.</summary>
/// <param name="CompletionCode">Code shown at the end (and sent to Prolific).</param>
/// <param name="ProlificCompletionUrl">Base URL; the code is appended as <c>?cc=</c>.</param>
/// <param name="Platform">Recruitment platform.</param>
/// <param name="ScreenOutCode">Code given to participants who are screened out (failed checks, study full).</param>
/// <param name="ScreenOutRedirectUrl">Where screened-out participants are sent; Prolific gets <c>?cc={ScreenOutCode}</c>.</param>
/// <param name="MaxFailedAttentionChecks">
/// Failed attention checks tolerated; one more screens the participant out. Null = never screen out (failures
/// are only flagged in the data).
/// </param>
/// <param name="MTurkSandbox">Submit MTurk assignments to the sandbox.</param>
/// <param name="NeedsLaptop">
/// The study needs a laptop or desktop computer (a keyboard, a wide screen); the landing page says so before consent
/// (and the recruitment platform's device filter should match). Left out of the stored config when false, so configs
/// saved before the setting existed keep their hash.
/// </param>
/// <param name="AutoRedirectSeconds">
/// Seconds the debrief stays on screen, with a visible countdown, before it returns the participant to the platform by
/// itself (Prolific redirect, MTurk submit); null = only when the participant presses the button. Left out of the
/// config's JSON when null, so configs saved before the setting existed keep their hash.
/// </param>
public sealed record RecruitmentConfig(
    string CompletionCode = "",
    string? ProlificCompletionUrl = null,
    RecruitmentPlatform Platform = RecruitmentPlatform.Prolific,
    string? ScreenOutCode = null,
    string? ScreenOutRedirectUrl = null,
    int? MaxFailedAttentionChecks = null,
    bool MTurkSandbox = false,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    bool NeedsLaptop = false,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    int? AutoRedirectSeconds = null)
{
    /// <summary>Shortest automatic redirect: long enough to read the code and the countdown.</summary>
    public const int MinAutoRedirectSeconds = 3;
    /// <summary>Longest automatic redirect.</summary>
    public const int MaxAutoRedirectSeconds = 60;
}
