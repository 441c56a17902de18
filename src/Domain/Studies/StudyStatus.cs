namespace InteractionLab.Domain.Studies;

/// <summary>Whether a study accepts participants.</summary>
public enum StudyStatus
{
    /// <summary>Being built; participants cannot start it.</summary>
    Draft,
    /// <summary>Accepting new participants.</summary>
    Open,
    /// <summary>Temporarily not accepting new participants; sessions in progress may continue.</summary>
    Paused,
    /// <summary>Finished; no new sessions.</summary>
    Closed,
}
