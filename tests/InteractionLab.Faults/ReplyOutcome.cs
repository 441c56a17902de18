namespace InteractionLab.Faults;

/// <summary>How a reply request ended for the participant.</summary>
public enum ReplyOutcome
{
    /// <summary>The stream ended normally.</summary>
    Completed,
    /// <summary>The server refused it because the previous reply was still running: nothing may be stored.</summary>
    Refused,
    /// <summary>The server answered with an error (e.g. the database was down when it was asked).</summary>
    Failed,
    /// <summary>The connection went away while waiting or streaming.</summary>
    Cut,
}
