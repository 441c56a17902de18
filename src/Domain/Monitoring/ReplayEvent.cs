namespace InteractionLab.Domain.Monitoring;

/// <summary>One entry of a session's timeline, already normalised from turns, answers and trace events.</summary>
/// <param name="At">When it happened (client clock for browser events, server clock otherwise).</param>
/// <param name="Kind">What it does to the state.</param>
/// <param name="Type">The recorded type name (e.g. <c>model.token</c>, <c>text.insert</c>), shown on the timeline.</param>
/// <param name="TurnIndex">The dialogue turn it belongs to, if any.</param>
/// <param name="Text">Message text, token text or survey answer, if any.</param>
/// <param name="Stage">Stage key (stage entries, survey answers, messages), if known.</param>
/// <param name="Detail">Item key of an answer or finish reason of a reply, if any.</param>
public sealed record ReplayEvent(
    DateTimeOffset At,
    ReplayEventKind Kind,
    string Type,
    int? TurnIndex = null,
    string? Text = null,
    string? Stage = null,
    string? Detail = null);
