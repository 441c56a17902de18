namespace InteractionLab.Domain.Dialogue;

/// <summary>Who produced a dialogue turn.</summary>
public enum TurnRole
{
    /// <summary>The participant typed it.</summary>
    Participant,
    /// <summary>The language model generated it.</summary>
    Model,
}
