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
    /// <summary>
    /// Ended early by the study's rules (too many failed attention checks); the participant got the screen-out
    /// code. Counts neither toward balance nor quotas.
    /// </summary>
    ScreenedOut,
}
