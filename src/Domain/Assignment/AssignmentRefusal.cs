namespace InteractionLab.Domain.Assignment;

/// <summary>Why no condition could be assigned.</summary>
public enum AssignmentRefusal
{
    /// <summary>A condition was chosen.</summary>
    None,
    /// <summary>Every condition the participant could get has reached its quota.</summary>
    StudyFull,
    /// <summary>URL-parameter mode, and the link carries no condition key.</summary>
    MissingCondition,
    /// <summary>URL-parameter mode, and the link's key names no condition of the study.</summary>
    UnknownCondition,
}
