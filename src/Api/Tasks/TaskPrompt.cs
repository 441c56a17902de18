using InteractionLab.Domain.Studies;

namespace InteractionLab.Api.Tasks;

/// <summary>A model call a task makes: what the participant asked (if anything) and the prompt the model gets.</summary>
/// <param name="ItemKey">The task item it is about (question id, document id, clue), recorded with the turns.</param>
/// <param name="ParticipantText">The participant's own words (a query), stored as a participant turn; null when the
/// task asks the model by itself (a drafted summary, suggestions on Tab).</param>
/// <param name="Style">Completion (raw text continued) or chat (system prompt plus history).</param>
/// <param name="Prompt">The completion prompt, or the chat's system prompt.</param>
/// <param name="History">Chat messages after the system prompt (true = participant).</param>
/// <param name="Decoding">Decoding settings; null = the task type's defaults with the stage's overrides.</param>
public sealed record TaskPrompt(
    string? ItemKey,
    string? ParticipantText,
    PromptStyle Style,
    string Prompt,
    IReadOnlyList<(bool IsUser, string Text)>? History = null,
    DecodingSettings? Decoding = null);
