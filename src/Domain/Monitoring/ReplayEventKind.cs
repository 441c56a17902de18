namespace InteractionLab.Domain.Monitoring;

/// <summary>What a replayed event does to the session's visible state.</summary>
public enum ReplayEventKind
{
    /// <summary>The participant consented and the session began.</summary>
    SessionStarted,
    /// <summary>The participant reached a stage (inferred from what was saved in it).</summary>
    StageEntered,
    /// <summary>The participant sent a message.</summary>
    ParticipantMessage,
    /// <summary>The server sent a generation request to the model.</summary>
    ReplyRequested,
    /// <summary>One token of the model's reply arrived.</summary>
    ReplyToken,
    /// <summary>The reply ended (stop, length, stopped, error).</summary>
    ReplyFinished,
    /// <summary>A survey answer was saved.</summary>
    SurveyAnswer,
    /// <summary>The browser reported the page hidden or the window unfocused.</summary>
    PageHidden,
    /// <summary>The browser reported the page visible or the window focused again.</summary>
    PageShown,
    /// <summary>Any other browser event (typing, clicks, loads); shown on the timeline only.</summary>
    ClientEvent,
    /// <summary>Any other server event; shown on the timeline only.</summary>
    ServerEvent,
    /// <summary>All data was saved and the completion code issued.</summary>
    SessionCompleted,
}
