namespace InteractionLab.Web.Components.Tasks;

/// <summary>
/// Marks a component as the participant page of a task type: the participant session shows it for every task
/// stage of that type and gives it a <see cref="TaskStageContext"/> parameter named <c>Context</c>.
/// </summary>
/// <param name="taskType">The task type's key (<c>ITaskType.Key</c>).</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class TaskComponentAttribute(string taskType) : Attribute
{
    /// <summary>The task type's key.</summary>
    public string TaskType { get; } = taskType;
}
