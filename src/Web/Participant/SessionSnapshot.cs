using InteractionLab.Domain;
using InteractionLab.Domain.Studies;

namespace InteractionLab.Web.Participant;

/// <summary>
/// A participant's session as the server has it. The page renders only from this, so a reload or a new circuit
/// resumes exactly where the stored data says the participant is.
/// </summary>
/// <param name="StudyTitle">Study title.</param>
/// <param name="Stages">The stages after consent, in order.</param>
/// <param name="CurrentStageIndex">Index into <paramref name="Stages"/> of the stage to show.</param>
/// <param name="Status">Life-cycle status; Completed means every answer is saved.</param>
/// <param name="ModelLabel">Generic name of the model for this condition ("Chatbot"), never its identity.</param>
/// <param name="Scenario">Scenario given for the social-dialogue task, if any.</param>
/// <param name="Turns">The participant's own dialogue so far.</param>
/// <param name="Completion">Completion code and redirect, present once the session is completed.</param>
public sealed record SessionSnapshot(
    string StudyTitle,
    IReadOnlyList<StageConfig> Stages,
    int CurrentStageIndex,
    SessionStatus Status,
    string ModelLabel,
    string? Scenario,
    IReadOnlyList<ChatTurn> Turns,
    CompletionInfo? Completion)
{
    /// <summary>The stage to show.</summary>
    public StageConfig CurrentStage => Stages[Math.Clamp(CurrentStageIndex, 0, Stages.Count - 1)];

    /// <summary>Messages the participant has sent.</summary>
    public int ParticipantTurnCount => Turns.Count(t => t.Role == ChatRole.Participant);
}
