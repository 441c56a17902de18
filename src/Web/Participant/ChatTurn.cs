using InteractionLab.Domain.Dialogue;

namespace InteractionLab.Web.Participant;

/// <summary>One message of the dialogue.</summary>
/// <param name="Index">Position in the dialogue, from 0; turn marks refer to it.</param>
/// <param name="Role">Who wrote it.</param>
/// <param name="Text">The text as saved.</param>
/// <param name="Stopped">True when the participant stopped the model's reply before it finished.</param>
/// <param name="Lost">True when the model's reply did not finish (it failed, or the server stopped); the text is what arrived.</param>
public sealed record ChatTurn(int Index, TurnRole Role, string Text, bool Stopped = false, bool Lost = false);
