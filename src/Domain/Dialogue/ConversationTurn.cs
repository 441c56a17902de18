namespace InteractionLab.Domain.Dialogue;

/// <summary>A stored turn of a conversation as a prompt may include it.</summary>
/// <param name="Index">The turn's index in the session (−1 for the message being answered, not stored yet).</param>
/// <param name="Role">Who said it.</param>
/// <param name="Text">What was said (empty for a reply that was lost).</param>
public sealed record ConversationTurn(int Index, TurnRole Role, string Text);
