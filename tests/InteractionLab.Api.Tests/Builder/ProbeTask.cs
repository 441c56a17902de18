using InteractionLab.Api.Stimuli;
using InteractionLab.Api.Tasks;
using InteractionLab.Domain.Studies;

namespace InteractionLab.Api.Tests.Builder;

/// <summary>
/// A small task type of the tests' own (settings of every kind, a stimulus kind other than the dialogue's, a rule
/// that refuses finishing), so catalog-wide features are checked on something other than the social dialogue.
/// </summary>
public sealed class ProbeTask : ITaskType
{
    /// <summary>Its key.</summary>
    public const string TypeKey = "probe-task";

    /// <inheritdoc />
    public string Key => TypeKey;
    /// <inheritdoc />
    public string Name => "Probe task";
    /// <inheritdoc />
    public string Description => "A task of the tests.";
    /// <inheritdoc />
    public IReadOnlyList<TaskEventType> Events { get; } = [new("probe.answer", "An answer.")];
    /// <inheritdoc />
    public IReadOnlyList<TaskSetting> Settings { get; } =
    [
        new("title", "Title", "Probe", "Shown above the items."),
        new("assisted-count", "Assisted items", "2", "Items with model help.", TaskSettingKind.Integer),
        new("ratio", "Ratio", "0.5", "A share.", TaskSettingKind.Number),
        new("show-hints", "Show hints", "true", "Whether hints show.", TaskSettingKind.Boolean),
        new("contexts", "Contexts", "", "Lines of context.", TaskSettingKind.Lines),
    ];
    /// <inheritdoc />
    public DecodingSettings Decoding { get; } = new() { Temperature = 0.5f, MaxTokens = 20 };
    /// <inheritdoc />
    public StimulusFormat? Stimuli { get; } = new ProbeFormat();
    /// <inheritdoc />
    public SurveyConfig? DefaultSurvey { get; } = new([new SurveyItem("probe-ease", SurveyItemKind.Likert, "How easy was it?", 1, 5, "Hard", "Easy")]);
    /// <inheritdoc />
    public Type? MetricSource => null;
    /// <inheritdoc />
    public string? CompletionProblem(TaskStageRecord record) => record.Events.Count == 0 ? "Answer at least one item first." : null;

    /// <summary>Kind <c>probe-items</c>: lines of text.</summary>
    public sealed class ProbeFormat : StimulusFormat
    {
        /// <inheritdoc />
        public override string Kind => "probe-items";
        /// <inheritdoc />
        public override string Documentation => "One item per line.";
        /// <inheritdoc />
        public override IReadOnlyList<string> Extensions { get; } = [".txt"];
        /// <inheritdoc />
        public override IReadOnlyList<DemoStimulusSet> DemoSets { get; } = [new("demo-probe-items", "Probe items", "probe.txt", "one\ntwo\n")];
        /// <inheritdoc />
        public override StimulusParseResult Parse(string fileName, string content) =>
            StimulusParseResult.Ok(content.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => new { text = t }).ToList());
    }
}
