namespace InteractionLab.Domain;

/// <summary>Life cycle of a participant session.</summary>
public enum SessionStatus
{
    /// <summary>Started and not finished.</summary>
    InProgress,
    /// <summary>All stages done and all data saved.</summary>
    Completed,
    /// <summary>Marked abandoned after the timeout (its condition slot was reclaimed).</summary>
    Abandoned,
    /// <summary>The participant withdrew consent.</summary>
    Withdrawn,
}
