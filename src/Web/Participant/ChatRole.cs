namespace InteractionLab.Web.Participant;

/// <summary>Author of a dialogue turn.</summary>
public enum ChatRole
{
    /// <summary>The participant.</summary>
    Participant,
    /// <summary>The language model.</summary>
    Model,
}
