using InteractionLab.Domain.Dialogue;

namespace InteractionLab.Api.Sessions;

/// <summary>A dialogue turn as the participant sees it.</summary>
/// <param name="Index">0-based index in the dialogue (turn marks refer to it).</param>
/// <param name="Role">Participant or model.</param>
/// <param name="Text">The text.</param>
/// <param name="FinishReason">For model turns: stop, length, stopped or error.</param>
/// <param name="StoppedByParticipant">Whether the participant stopped the reply.</param>
public sealed record TurnView(int Index, TurnRole Role, string Text, string? FinishReason, bool StoppedByParticipant);
