namespace InteractionLab.Domain.Sessions;

/// <summary>Where a request to end a stage stands against the session's current stage (<see cref="StageRules.Ending"/>).</summary>
public enum StageEnding
{
    /// <summary>The stage was passed already (or the session is finished): nothing to do.</summary>
    AlreadyPassed,
    /// <summary>The session's current stage: its rules decide.</summary>
    Current,
    /// <summary>A stage ahead of the current one: refused.</summary>
    NotReached,
}
