using InteractionLab.Api.Data;
using InteractionLab.Api.Stimuli;
using InteractionLab.Domain.Annotation;
using InteractionLab.Domain.Studies;

namespace InteractionLab.Api.Annotation.Intake;

/// <summary>One completed session as the item builders read it: its row, frozen config, the stages the project takes and a context.</summary>
/// <param name="Db">A context for this intake run.</param>
/// <param name="Session">The session.</param>
/// <param name="Config">Its frozen study config.</param>
/// <param name="Stages">The task stages of the config that the project's filter selects for its target.</param>
/// <param name="Stimuli">Stimulus sets (documents, questions, scenarios).</param>
public sealed record SessionSource(PlatformDbContext Db, Session Session, StudyConfig Config, IReadOnlyList<StageConfig> Stages, StimulusStore Stimuli)
{
    /// <summary>Task types a target is made from unless the filter names others.</summary>
    public static IReadOnlyList<string> DefaultTasks(AnnotationTarget target) => target switch
    {
        AnnotationTarget.Transcript or AnnotationTarget.ModelTurn => [Tasks.SocialDialogue.DialogueService.TaskType],
        AnnotationTarget.Summary or AnnotationTarget.SummaryPair => [Tasks.Summarization.SummarizationTask.TaskKey],
        AnnotationTarget.MetaphorSentence => [Tasks.MetaphorWriting.MetaphorWritingTask.TaskKey],
        AnnotationTarget.QaAnswer => [Tasks.QuestionAnswering.QuestionAnsweringTask.TaskKey],
        AnnotationTarget.ValuesCard => [MoralGraph.Interview.MoralInterviewTask.TaskKey],
        _ => [],
    };

    /// <summary>The stages of <paramref name="config"/> whose artifacts become items of a project with <paramref name="project"/>.</summary>
    public static IReadOnlyList<StageConfig> StagesFor(StudyConfig config, AnnotationProjectConfig project)
    {
        var tasks = project.Filter.Tasks is { Count: > 0 } named ? named : DefaultTasks(project.Target);
        return config.Stages.Where(s => s.Kind == StageKind.Task && s.Task is not null && tasks.Contains(s.Task.Type)
            && (project.Filter.Stages is not { Count: > 0 } keys || keys.Contains(s.Key))).ToList();
    }

    /// <summary>The session's id as the start of source keys.</summary>
    public string Key => Session.Id.ToString();
}
