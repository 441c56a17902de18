using InteractionLab.Api.Stimuli;
using InteractionLab.Domain.Studies;

namespace InteractionLab.Api.Tasks.SocialDialogue;

/// <summary>
/// Where a dialogue stage's scenarios come from: the stimulus set it names, else the scenarios typed into the
/// stage. A participant keeps one scenario for the session (<c>Session.ScenarioIndex</c>).
/// </summary>
public static class DialogueScenarios
{
    /// <summary>The scenarios of <paramref name="task"/> (none when it has none or its set is gone).</summary>
    public static async Task<IReadOnlyList<string>> OfAsync(TaskConfig task, StimulusStore store, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(task.Stimuli)) return task.Scenarios ?? [];
        var set = await store.GetAsync(task.Stimuli, ct);
        return set is null || set.Kind != DialogueScenarioFormat.KindKey ? [] : set.ItemsAs<DialogueScenario>().Select(s => s.Scenario).ToList();
    }

    /// <summary>The scenarios of the study's first dialogue stage that has any (what the participant is given).</summary>
    public static async Task<IReadOnlyList<string>> OfStudyAsync(StudyConfig config, StimulusStore store, CancellationToken ct = default)
    {
        foreach (var stage in config.Stages)
            if (stage.Task is { Type: DialogueService.TaskType } task && await OfAsync(task, store, ct) is { Count: > 0 } scenarios)
                return scenarios;
        return [];
    }

    /// <summary>The participant's scenario, or null when there are none.</summary>
    public static string? Pick(IReadOnlyList<string> scenarios, int scenarioIndex) =>
        scenarios.Count == 0 ? null : scenarios[Math.Clamp(scenarioIndex, 0, scenarios.Count - 1)];
}
