namespace InteractionLab.Api.Tasks;

/// <summary>One event of a task's vocabulary.</summary>
/// <param name="Type">Stored event type (lower-case, dotted, prefixed by the task, e.g. <c>qa.answer</c>).</param>
/// <param name="Description">What it means and what its payload holds.</param>
public sealed record TaskEventType(string Type, string Description);
