namespace InteractionLab.Domain.MoralGraph;

/// <summary>A participant's answer to "did this person become wiser?" after reading a story from value A to value B.</summary>
public enum VoteChoice
{
    /// <summary>Yes: moving from A to B was wiser.</summary>
    Wiser,
    /// <summary>No: it was not wiser.</summary>
    NotWiser,
    /// <summary>Not sure.</summary>
    Unsure,
}
