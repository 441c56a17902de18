using InteractionLab.Api.Tasks.QuestionAnswering;
using InteractionLab.Domain.Studies;

namespace InteractionLab.Api.Tests.Tasks.QuestionAnswering;

/// <summary>Study configs with a question-answering stage on the demo questions.</summary>
internal static class QaStudies
{
    /// <summary>The stage (assisted questions first unless <paramref name="order"/> says otherwise).</summary>
    public static StageConfig Stage(string order = QaPlan.AssistedFirst, int assisted = 5) =>
        new("qa", StageKind.Task, "Questions", Task: new TaskConfig(QuestionAnsweringTask.TaskKey,
            Settings: new Dictionary<string, string> { [QaPlan.OrderSetting] = order, [QaPlan.AssistedCountSetting] = assisted.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            Stimuli: QaStimulusFormat.DemoKey));

    /// <summary>The demo study with only consent → questions → debrief.</summary>
    public static StudyConfig Config(StudyConfig demo, StageConfig? stage = null) =>
        demo with { Stages = [demo.Stages[0], stage ?? Stage(), demo.Stages[^1]] };
}
