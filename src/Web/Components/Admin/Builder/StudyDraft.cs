using System.Globalization;
using InteractionLab.Domain.Studies;
using InteractionLab.Web.Components.Admin.Surveys;

namespace InteractionLab.Web.Components.Admin.Builder;

/// <summary>A study config while it is being edited in the builder (mutable for form binding).</summary>
public sealed class StudyDraft
{
    /// <summary>Title shown to participants.</summary>
    public string Title { get; set; } = "";
    /// <summary>Stages in order.</summary>
    public List<StageDraft> Stages { get; set; } = [];
    /// <summary>Conditions.</summary>
    public List<ConditionDraft> Conditions { get; set; } = [];
    /// <summary>Assignment settings (immutable record, replaced whole).</summary>
    public AssignmentConfig Assignment { get; set; } = new();
    /// <summary>Recruitment settings (immutable record, replaced whole).</summary>
    public RecruitmentConfig Recruitment { get; set; } = new();

    /// <summary>A draft of <paramref name="c"/>.</summary>
    public static StudyDraft From(StudyConfig c) => new()
    {
        Title = c.Title,
        Stages = c.Stages.Select(StageDraft.From).ToList(),
        Conditions = c.Conditions.Select(ConditionDraft.From).ToList(),
        Assignment = c.Assignment,
        Recruitment = c.Recruitment,
    };

    /// <summary>The config to save.</summary>
    public StudyConfig ToConfig() => new()
    {
        Title = Title.Trim(),
        Stages = Stages.Select(s => s.ToStage()).ToList(),
        Conditions = Conditions.Select(c => c.ToCondition()).ToList(),
        Assignment = Assignment,
        Recruitment = Recruitment,
    };
}

/// <summary>A stage while it is edited.</summary>
public sealed class StageDraft
{
    /// <summary>Stable key.</summary>
    public string Key { get; set; } = "";
    /// <summary>Kind.</summary>
    public StageKind Kind { get; set; }
    /// <summary>Heading.</summary>
    public string Title { get; set; } = "";
    /// <summary>Text (consent, instructions, debrief; survey intro).</summary>
    public string Body { get; set; } = "";
    /// <summary>Task type from the catalog.</summary>
    public string TaskType { get; set; } = InteractionLab.Api.Tasks.SocialDialogue.DialogueService.TaskType;
    /// <summary>Scenarios, one per line.</summary>
    public string Scenarios { get; set; } = "";
    /// <summary>Messages required before the task can end.</summary>
    public int MinTurns { get; set; } = 1;
    /// <summary>Messages after which the task ends.</summary>
    public int MaxTurns { get; set; } = 30;
    /// <summary>The task type's settings that differ from their defaults, by key.</summary>
    public Dictionary<string, string> Settings { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Key of the stimulus set the task reads ("" = none).</summary>
    public string Stimuli { get; set; } = "";
    /// <summary>Questions of a survey stage.</summary>
    public List<SurveyItemDraft> Items { get; set; } = [];
    /// <summary>Instrument the items were copied from.</summary>
    public string? InstrumentKey { get; set; }
    /// <summary>Minimum seconds on the stage.</summary>
    public int MinSeconds { get; set; }
    /// <summary>Time limit in seconds (null = none).</summary>
    public int? TimeLimitSeconds { get; set; }
    /// <summary>Item order per participant.</summary>
    public ItemOrder ItemOrder { get; set; }

    /// <summary>A new stage of <paramref name="kind"/> with a key not in <paramref name="taken"/>.</summary>
    public static StageDraft New(StageKind kind, IEnumerable<string> taken)
    {
        var stem = kind.ToString().ToLowerInvariant();
        var used = taken.ToHashSet();
        var key = stem;
        for (var n = 2; used.Contains(key); n++) key = stem + "-" + n.ToString(CultureInfo.InvariantCulture);
        return new StageDraft
        {
            Key = key, Kind = kind, Title = kind.ToString(),
            Items = kind == StageKind.Survey ? [new SurveyItemDraft { Key = "q1", Prompt = "" }] : [],
        };
    }

    /// <summary>
    /// A task stage from the catalog's template for <paramref name="type"/>: titled after the type, keyed after it, and
    /// reading the type's first demo stimulus set (which the researcher swaps for their own); settings stay at the
    /// type's defaults.
    /// </summary>
    public static StageDraft ForTask(InteractionLab.Api.Tasks.ITaskType type, IEnumerable<string> taken)
    {
        var used = taken.ToHashSet();
        var key = type.Key;
        for (var n = 2; used.Contains(key); n++) key = type.Key + "-" + n.ToString(CultureInfo.InvariantCulture);
        return new StageDraft
        {
            Key = key, Kind = StageKind.Task, Title = type.Name, TaskType = type.Key,
            Stimuli = type.Stimuli?.DemoSets.FirstOrDefault()?.Key ?? "",
        };
    }

    /// <summary>A draft of <paramref name="s"/>.</summary>
    public static StageDraft From(StageConfig s) => new()
    {
        Key = s.Key, Kind = s.Kind, Title = s.Title, Body = s.Body ?? "",
        TaskType = s.Task?.Type ?? InteractionLab.Api.Tasks.SocialDialogue.DialogueService.TaskType, Scenarios = string.Join('\n', s.Task?.Scenarios ?? []),
        MinTurns = s.Task?.MinTurns ?? 1, MaxTurns = s.Task?.MaxTurns ?? 30,
        Settings = new Dictionary<string, string>(s.Task?.Settings ?? new Dictionary<string, string>(), StringComparer.Ordinal),
        Stimuli = s.Task?.Stimuli ?? "",
        Items = (s.Survey?.Items ?? []).Select(SurveyItemDraft.From).ToList(), InstrumentKey = s.Survey?.InstrumentKey,
        MinSeconds = s.MinSeconds, TimeLimitSeconds = s.TimeLimitSeconds, ItemOrder = s.ItemOrder,
    };

    /// <summary>Whether the task is the social dialogue (the one type with scenarios typed in and message counts).</summary>
    public bool IsDialogue => TaskType == InteractionLab.Api.Tasks.SocialDialogue.DialogueService.TaskType;

    /// <summary>The stage as configured; settings of other kinds are left out.</summary>
    public StageConfig ToStage() => new(Key.Trim(), Kind, Title.Trim(),
        Body: string.IsNullOrWhiteSpace(Body) ? null : Body,
        Task: Kind == StageKind.Task ? ToTask() : null,
        Survey: Kind == StageKind.Survey ? new SurveyConfig(Items.Select(i => i.ToItem()).ToList(), InstrumentKey) : null,
        MinSeconds: MinSeconds, TimeLimitSeconds: TimeLimitSeconds, ItemOrder: ItemOrder);

    // Settings and set stay null when unused, so a config that never had them hashes as before.
    private TaskConfig ToTask() => new(TaskType, IsDialogue ? SurveyItemDraft.Lines(Scenarios) : null, MinTurns, MaxTurns,
        Settings.Count == 0 ? null : new SortedDictionary<string, string>(Settings, StringComparer.Ordinal),
        string.IsNullOrWhiteSpace(Stimuli) ? null : Stimuli.Trim());

    /// <summary>Switches the task type; the old type's settings and stimulus set do not apply to the new one.</summary>
    public void ChangeTaskType(string type)
    {
        if (type == TaskType) return;
        TaskType = type;
        Settings.Clear();
        Stimuli = "";
    }

    /// <summary>A setting's value as the builder shows it ("" = the default).</summary>
    public string SettingValue(string key) => Settings.TryGetValue(key, out var v) ? v : "";

    /// <summary>Sets a setting; a blank value or the default removes it (only non-default values are stored).</summary>
    public void SetSetting(string key, string? value, string defaultValue)
    {
        var v = (value ?? "").Replace("\r\n", "\n").Trim();
        if (v.Length == 0 || v == defaultValue.Trim()) Settings.Remove(key);
        else Settings[key] = v;
    }
}

/// <summary>A condition while it is edited.</summary>
public sealed class ConditionDraft
{
    /// <summary>Stable key.</summary>
    public string Key { get; set; } = "";
    /// <summary>Name shown to participants.</summary>
    public string ParticipantLabel { get; set; } = "Chatbot";
    /// <summary>Endpoint name.</summary>
    public string Endpoint { get; set; } = "local";
    /// <summary>Model id.</summary>
    public string Model { get; set; } = "";
    /// <summary>Temperature.</summary>
    public float Temperature { get; set; } = 0.9f;
    /// <summary>Maximum new tokens.</summary>
    public int MaxTokens { get; set; } = 50;
    /// <summary>Nucleus mass.</summary>
    public float TopP { get; set; } = 1f;
    /// <summary>Top-k (0 = off).</summary>
    public int TopK { get; set; }
    /// <summary>Stop sequences, one per line, with <c>\n</c>, <c>\t</c> and <c>\\</c> escapes (stops often start with a newline).</summary>
    public string Stop { get; set; } = "";
    /// <summary>Seed (null = per request).</summary>
    public int? Seed { get; set; }
    /// <summary>Completion or chat.</summary>
    public PromptStyle Style { get; set; } = PromptStyle.Completion;
    /// <summary>Prompt template or system prompt.</summary>
    public string Template { get; set; } = "";
    /// <summary>Prefix of participant lines (completion style).</summary>
    public string UserPrefix { get; set; } = "User: ";
    /// <summary>Prefix of model lines (completion style).</summary>
    public string ModelPrefix { get; set; } = "Chatbot: ";
    /// <summary>Relative weight.</summary>
    public int Weight { get; set; } = 1;
    /// <summary>Most sessions (null = no quota).</summary>
    public int? Quota { get; set; }

    /// <summary>A draft of <paramref name="c"/>.</summary>
    public static ConditionDraft From(ConditionConfig c) => new()
    {
        Key = c.Key, ParticipantLabel = c.ParticipantLabel, Endpoint = c.Model.Endpoint, Model = c.Model.Model,
        Temperature = c.Decoding.Temperature, MaxTokens = c.Decoding.MaxTokens, TopP = c.Decoding.TopP, TopK = c.Decoding.TopK,
        Stop = string.Join('\n', c.Decoding.Stop.Select(Escape)), Seed = c.Decoding.Seed, Style = c.Prompt.Style, Template = c.Prompt.Template,
        UserPrefix = c.Prompt.UserPrefix, ModelPrefix = c.Prompt.ModelPrefix, Weight = c.Weight, Quota = c.Quota,
    };

    /// <summary>The condition as configured.</summary>
    public ConditionConfig ToCondition() => new(Key.Trim(), ParticipantLabel.Trim(), new ModelRef(Endpoint.Trim(), Model.Trim()),
        new DecodingSettings
        {
            Temperature = Temperature, MaxTokens = MaxTokens, TopP = TopP, TopK = TopK,
            // Stop sequences keep their spaces: " User:" and "User:" stop differently.
            Stop = Stop.Split('\n').Select(s => s.TrimEnd('\r')).Where(s => s.Length > 0).Select(Unescape).ToList(), Seed = Seed,
        },
        new PromptTemplate(Style, Template, UserPrefix, ModelPrefix), Weight, Quota);

    /// <summary>A stop sequence as one line of text.</summary>
    public static string Escape(string stop) => stop.Replace("\\", "\\\\").Replace("\n", "\\n").Replace("\t", "\\t");

    /// <summary>The stop sequence a line stands for.</summary>
    public static string Unescape(string line)
    {
        var sb = new System.Text.StringBuilder(line.Length);
        for (var i = 0; i < line.Length; i++)
        {
            var escaped = line[i] == '\\' && i + 1 < line.Length ? line[i + 1] switch { 'n' => '\n', 't' => '\t', '\\' => '\\', _ => (char?)null } : null;
            if (escaped is { } c) { sb.Append(c); i++; }
            else sb.Append(line[i]);
        }
        return sb.ToString();
    }
}
