namespace InteractionLab.Web.Participant;

/// <summary>Whether a study's landing page may offer consent.</summary>
public enum StudyAvailability
{
    /// <summary>Accepting participants.</summary>
    Open,
    /// <summary>Temporarily not accepting new participants.</summary>
    Paused,
    /// <summary>Finished.</summary>
    Closed,
    /// <summary>The platform cannot reach its database right now; the study's own state is unknown.</summary>
    Unavailable,
}
