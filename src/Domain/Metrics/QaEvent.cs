namespace InteractionLab.Domain.Metrics;

/// <summary>One question-answering event: when (client ms), what, on which question, and for answers the choice.</summary>
public sealed record QaEvent(long TimestampMs, QaEventKind Kind, string QuestionId, string? Choice = null);
