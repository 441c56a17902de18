using InteractionLab.Domain.Dialogue;

namespace InteractionLab.Api.Tasks;

/// <summary>A stored turn of a task stage (a query or a model answer), as a task component shows it again.</summary>
/// <param name="Index">Turn index within the session.</param>
/// <param name="Role">Participant or model.</param>
/// <param name="Text">What was said.</param>
/// <param name="ItemKey">The item it was about.</param>
/// <param name="ChoiceIndex">Which of n completions, when several were asked at once.</param>
/// <param name="Stopped">Whether the participant stopped the answer.</param>
public sealed record TaskTurn(int Index, TurnRole Role, string Text, string? ItemKey, int? ChoiceIndex, bool Stopped);
