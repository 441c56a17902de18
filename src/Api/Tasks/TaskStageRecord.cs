using InteractionLab.Domain.Studies;

namespace InteractionLab.Api.Tasks;

/// <summary>What a session has stored for one task stage: what <see cref="ITaskType.CompletionProblem"/> judges.</summary>
/// <param name="Stage">The stage (items in this participant's order where the task orders them itself).</param>
/// <param name="Events">The stage's task events in order.</param>
/// <param name="ParticipantTurns">Messages or queries the participant sent to the model in this stage.</param>
public sealed record TaskStageRecord(StageConfig Stage, IReadOnlyList<TaskEventRecord> Events, int ParticipantTurns);
