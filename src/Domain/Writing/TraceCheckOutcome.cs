namespace InteractionLab.Domain.Writing;

/// <summary>How replaying a trace compared with what it logged.</summary>
public enum TraceCheckOutcome
{
    /// <summary>Every logged document and every submitted sentence agrees with the replay.</summary>
    Match,
    /// <summary>A logged document or a submitted sentence disagrees with the replay.</summary>
    Mismatch,
    /// <summary>Replay could not go on: an edit does not fit the document.</summary>
    Error,
    /// <summary>Nothing to compare: no document logged and no sentence submitted.</summary>
    NotChecked,
}
