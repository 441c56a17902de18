namespace InteractionLab.Domain.Dialogue;

/// <summary>One line of dialogue history as the prompt renderer sees it.</summary>
/// <param name="Role">Who said it.</param>
/// <param name="Text">What was said.</param>
public readonly record struct DialogueLine(TurnRole Role, string Text);
