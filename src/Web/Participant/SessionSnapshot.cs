using InteractionLab.Domain;
using InteractionLab.Domain.Dialogue;
using InteractionLab.Domain.Studies;

namespace InteractionLab.Web.Participant;

/// <summary>
/// A participant's session as the server has it. The page renders only from this, so a reload or a new circuit
/// resumes exactly where the stored data says the participant is.
/// </summary>
/// <param name="StudySlug">Slug of the session's study (a cookie for another study's session is not shown).</param>
/// <param name="StudyTitle">Study title.</param>
/// <param name="StageIndex">Index of the current stage among all stages (consent is the first).</param>
/// <param name="StageCount">Number of stages.</param>
/// <param name="Stage">The current stage.</param>
/// <param name="Status">Life-cycle status; Completed means every answer is saved.</param>
/// <param name="ModelLabel">Generic name of the model for this condition ("Chatbot"), never its identity.</param>
/// <param name="Scenario">Scenario given for the social-dialogue task, if any.</param>
/// <param name="Turns">The participant's own dialogue so far.</param>
/// <param name="ReplyInProgress">A model reply is still being generated (e.g. the page was reloaded meanwhile).</param>
/// <param name="Completion">Completion code and redirect, present once the session is completed.</param>
public sealed record SessionSnapshot(
    string StudySlug,
    string StudyTitle,
    int StageIndex,
    int StageCount,
    StageConfig Stage,
    SessionStatus Status,
    string ModelLabel,
    string? Scenario,
    IReadOnlyList<ChatTurn> Turns,
    bool ReplyInProgress,
    CompletionInfo? Completion)
{
    /// <summary>Minimum time and time limit of the current stage (server-counted); null when it has neither.</summary>
    public StageTimer? Timer { get; init; }

    /// <summary>The text of a reply still being generated (after a reload mid-reply), or null.</summary>
    public string? PartialReply { get; init; }

    /// <summary>Messages the participant has sent.</summary>
    public int ParticipantTurnCount => Turns.Count(t => t.Role == TurnRole.Participant);
}
