namespace InteractionLab.Domain.Writing;

/// <summary>Who wrote a character of a replayed document.</summary>
public enum Author
{
    /// <summary>Text that was in the document when the session began (the task prompt).</summary>
    Prompt,
    /// <summary>Text the participant typed or pasted.</summary>
    User,
    /// <summary>Text the language model wrote (an accepted suggestion).</summary>
    Model,
}
