using InteractionLab.Api.Stimuli;
using InteractionLab.Domain.Studies;

namespace InteractionLab.Api.Tasks;

/// <summary>
/// One kind of interactive task: the plug-in point of the task catalog. A task type bundles everything the
/// platform needs to know about it — its settings, how it prompts the language model, the events it records, the
/// stimuli it reads, its default survey and its derived metrics. The participant component lives in the web
/// project and names the task type with <c>[TaskComponent("key")]</c>. Adding a task type means adding a class
/// that implements this interface (found by <see cref="TaskCatalogExtensions.AddTaskCatalog"/>) and its
/// component; no core code changes.
/// </summary>
public interface ITaskType
{
    /// <summary>Key used in <see cref="TaskConfig.Type"/>, e.g. <c>question-answering</c>.</summary>
    string Key { get; }

    /// <summary>Name shown to researchers.</summary>
    string Name { get; }

    /// <summary>One sentence on what participants do.</summary>
    string Description { get; }

    /// <summary>The events the task records (its vocabulary), documented for analysts.</summary>
    IReadOnlyList<TaskEventType> Events { get; }

    /// <summary>The settings the builder offers for <see cref="TaskConfig.Settings"/>, with defaults.</summary>
    IReadOnlyList<TaskSetting> Settings { get; }

    /// <summary>
    /// Decoding defaults of the task's model calls (e.g. HALIE's QA: temperature 0.5, 100 tokens). A stage
    /// overrides them with the settings <c>temperature</c>, <c>max-tokens</c>, <c>top-p</c> and <c>stop</c>.
    /// </summary>
    DecodingSettings Decoding { get; }

    /// <summary>The stimuli the task reads (format, parser, demo sets), or null when it needs none.</summary>
    StimulusFormat? Stimuli { get; }

    /// <summary>The questionnaire the builder proposes after the task (our own wording of the constructs).</summary>
    SurveyConfig? DefaultSurvey { get; }

    /// <summary>The <c>ISessionMetricSource</c> that derives the task's metrics from stored events, if any.</summary>
    Type? MetricSource { get; }

    /// <summary>
    /// The exact prompt the model gets in a stage with these settings, for an example item and participant input (the
    /// builder shows it under the settings, so a researcher sees which text the model reads); null when the type does
    /// not say.
    /// </summary>
    PromptPreview? PreviewPrompt(TaskConfig task) => null;

    /// <summary>
    /// Why the participant may not finish the stage yet (shown to them), or null when they may. Checked by the
    /// server before a stage is completed (not when its time limit runs out).
    /// </summary>
    string? CompletionProblem(TaskStageRecord record);
}
