namespace InteractionLab.Domain.Monitoring;

/// <summary>What the participant's screen held at one moment: the fold of every event up to that moment.</summary>
/// <param name="At">The moment.</param>
/// <param name="EventsApplied">How many events of the timeline happened at or before it.</param>
/// <param name="Stage">Stage the participant was on, as far as the record shows.</param>
/// <param name="Messages">Messages sent and reply text streamed so far, in turn order.</param>
/// <param name="Answers">Survey answers saved so far, keyed by <c>stage/item</c>.</param>
/// <param name="PageVisible">False while the browser reported the page hidden or unfocused.</param>
/// <param name="Completed">Whether the session had completed.</param>
public sealed record ReplayState(
    DateTimeOffset At,
    int EventsApplied,
    string? Stage,
    IReadOnlyList<ReplayMessage> Messages,
    IReadOnlyDictionary<string, string> Answers,
    bool PageVisible,
    bool Completed);
