using System.Globalization;
using InteractionLab.Api.Stimuli;
using InteractionLab.Api.Tasks;
using InteractionLab.Api.Tasks.SocialDialogue;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Validation;

namespace InteractionLab.Api.Studies;

/// <summary>
/// The checks of task stages against the task catalog: the type exists, its settings are its own and parse, and
/// the stimulus set it names exists and is of the type's kind. Problems (<see cref="FieldErrors"/>) are keyed like the builder's fields
/// (<c>stages[2].task.settings.assisted-count</c>, <c>stages[2].task.stimuli</c>).
/// </summary>
public static class TaskStageProblems
{
    /// <summary>Settings every task stage may set: they override the type's decoding defaults.</summary>
    public static readonly IReadOnlyList<TaskSetting> DecodingOverrides =
    [
        new("temperature", "Temperature", "", "Overrides the task's sampling temperature.", TaskSettingKind.Number),
        new("max-tokens", "Maximum new tokens", "", "Overrides the task's length of a model answer.", TaskSettingKind.Integer),
        new("top-p", "Top-p", "", "Overrides the task's nucleus mass.", TaskSettingKind.Number),
        new("stop", "Stop sequences", "", "Overrides the task's stop sequences, one per line.", TaskSettingKind.Lines),
    ];

    /// <summary>
    /// Problems of every task stage of <paramref name="config"/>. <paramref name="setKinds"/> maps each stimulus set
    /// key the config names to its kind (keys that do not exist are missing from it).
    /// </summary>
    public static IReadOnlyDictionary<string, string[]> Find(StudyConfig config, TaskCatalog catalog, IReadOnlyDictionary<string, string> setKinds)
    {
        var found = new FieldErrors();
        Find(config, catalog, setKinds, found);
        return found.ToDictionary();
    }

    /// <summary>Adds the problems of every task stage of <paramref name="config"/> to <paramref name="found"/>.</summary>
    public static void Find(StudyConfig config, TaskCatalog catalog, IReadOnlyDictionary<string, string> setKinds, FieldErrors found)
    {
        for (var i = 0; i < config.Stages.Count; i++)
        {
            if (config.Stages[i] is not { Kind: StageKind.Task, Task: { } task } stage) continue;
            var at = $"stages[{i}].task";
            if (catalog.Find(task.Type) is not { } type)
            {
                found.Add(at + ".type", $"Stage '{stage.Key}': there is no task type '{task.Type}'. Known task types: {string.Join(", ", catalog.All.Select(t => t.Key))}.");
                continue;
            }
            CheckStimuli(stage, task, type, at, setKinds, found);
            CheckSettings(stage, task, type, at, found);
        }
    }

    /// <summary>The stimulus set keys the config names.</summary>
    public static IEnumerable<string> SetKeys(StudyConfig config) =>
        config.Stages.Select(s => s.Task?.Stimuli).Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => k!).Distinct();

    private static void CheckStimuli(StageConfig stage, TaskConfig task, ITaskType type, string at, IReadOnlyDictionary<string, string> setKinds, FieldErrors found)
    {
        var field = at + ".stimuli";
        var dialogue = type.Key == DialogueService.TaskType;
        if (string.IsNullOrWhiteSpace(task.Stimuli))
        {
            // The dialogue is the one type whose stimuli (scenarios) may also be typed into the stage, or left out.
            if (type.Stimuli is { } format && !dialogue)
                found.Add(field, $"Stage '{stage.Key}': {type.Name} needs a stimulus set of kind '{format.Kind}'. Pick one or upload one under Stimuli.");
            return;
        }
        if (type.Stimuli is not { } wanted)
            found.Add(field, $"Stage '{stage.Key}': {type.Name} reads no stimuli; remove the set '{task.Stimuli}'.");
        else if (!setKinds.TryGetValue(task.Stimuli, out var kind))
            found.Add(field, $"Stage '{stage.Key}': there is no stimulus set '{task.Stimuli}'.");
        else if (kind != wanted.Kind)
            found.Add(field, $"Stage '{stage.Key}': the set '{task.Stimuli}' holds '{kind}' stimuli, but {type.Name} reads '{wanted.Kind}'.");
        if (dialogue && task.Scenarios is { Count: > 0 })
            found.Add(at + ".scenarios", $"Stage '{stage.Key}': give the scenarios either typed in or as a stimulus set, not both.");
    }

    private static void CheckSettings(StageConfig stage, TaskConfig task, ITaskType type, string at, FieldErrors found)
    {
        var known = type.Settings.Concat(DecodingOverrides).GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.First());
        foreach (var (key, value) in task.Settings ?? new Dictionary<string, string>())
        {
            var field = $"{at}.settings.{key}";
            if (!known.TryGetValue(key, out var setting))
            {
                var offered = type.Settings.Count == 0 ? "it has none" : "its settings are " + string.Join(", ", type.Settings.Select(s => s.Key));
                found.Add(field, $"Stage '{stage.Key}': {type.Name} has no setting '{key}' ({offered}).");
                continue;
            }
            if (string.IsNullOrWhiteSpace(value)) continue;
            var v = value.Trim();
            var problem = setting.Kind switch
            {
                TaskSettingKind.Integer when !int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) => "a whole number",
                TaskSettingKind.Number when !double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _) => "a number (with a dot for decimals)",
                TaskSettingKind.Boolean when v.ToLowerInvariant() is not ("true" or "false" or "yes" or "no" or "1" or "0" or "on" or "off") => "true or false",
                _ => null,
            };
            if (problem is not null) found.Add(field, $"Stage '{stage.Key}': '{setting.Label}' must be {problem}; '{v}' is not.");
        }
    }
}
