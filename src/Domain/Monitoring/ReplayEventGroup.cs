namespace InteractionLab.Domain.Monitoring;

/// <summary>The groups a replay's timeline can be filtered by.</summary>
public enum ReplayEventGroup
{
    /// <summary>Session start and end, stage entries.</summary>
    Session,
    /// <summary>Messages sent, replies requested and finished.</summary>
    Messages,
    /// <summary>Each token of a reply as it arrived (many; hidden by default).</summary>
    Tokens,
    /// <summary>What the task recorded (answers, squares, stories judged…).</summary>
    Task,
    /// <summary>Survey answers.</summary>
    Survey,
    /// <summary>The page hidden or shown, the window blurred or focused.</summary>
    Page,
    /// <summary>Other browser events (typing, clicks, loads).</summary>
    Browser,
}
