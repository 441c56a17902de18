using InteractionLab.Domain;
using InteractionLab.Domain.Studies;

namespace InteractionLab.Api.Sessions;

/// <summary>Everything a participant page needs to render the session where it stands.</summary>
/// <param name="SessionId">The session.</param>
/// <param name="StudySlug">Study link slug.</param>
/// <param name="StudyTitle">Study title.</param>
/// <param name="Status">In progress, completed, …</param>
/// <param name="StageIndex">Index of the current stage.</param>
/// <param name="StageCount">Number of stages.</param>
/// <param name="Stage">The current stage (title, body, task or survey questions in this participant's order).</param>
/// <param name="ChatbotLabel">Generic name of the model for the participant ("Chatbot"), never its identity.</param>
/// <param name="Scenario">The scenario the participant was given, for dialogue tasks.</param>
/// <param name="Turns">The dialogue so far.</param>
/// <param name="ReplyInProgress">Whether a model reply is being generated right now.</param>
/// <param name="Completion">Code and redirect once completed or screened out; null before.</param>
public sealed record SessionView(
    SessionId SessionId,
    string StudySlug,
    string StudyTitle,
    SessionStatus Status,
    int StageIndex,
    int StageCount,
    StageConfig Stage,
    string ChatbotLabel,
    string? Scenario,
    IReadOnlyList<TurnView> Turns,
    bool ReplyInProgress,
    CompletionView? Completion)
{
    /// <summary>Minimum time and time limit of the current stage as the server counts them; null when it has neither.</summary>
    public StageClock? Clock { get; init; }

    /// <summary>The running reply's text so far (null when none is running).</summary>
    public string? PartialReply { get; init; }
}
