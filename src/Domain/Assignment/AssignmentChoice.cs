using InteractionLab.Domain.Studies;

namespace InteractionLab.Domain.Assignment;

/// <summary>Outcome of choosing a condition: the condition, or why there is none.</summary>
/// <param name="Condition">The chosen condition; null when refused.</param>
/// <param name="Refusal">Why nothing was chosen (<see cref="AssignmentRefusal.None"/> when a condition was).</param>
public readonly record struct AssignmentChoice(ConditionConfig? Condition, AssignmentRefusal Refusal)
{
    /// <summary>A successful choice.</summary>
    public static AssignmentChoice Of(ConditionConfig condition) => new(condition, AssignmentRefusal.None);

    /// <summary>A refusal.</summary>
    public static AssignmentChoice Refused(AssignmentRefusal why) => new(null, why);
}
