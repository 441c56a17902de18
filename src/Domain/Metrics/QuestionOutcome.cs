namespace InteractionLab.Domain.Metrics;

/// <summary>What happened on one question.</summary>
/// <param name="QuestionId">The item.</param>
/// <param name="Assisted">Whether the assistant was enabled.</param>
/// <param name="IsAttentionCheck">Whether it was the attention check.</param>
/// <param name="Choice">The last choice clicked; null when never answered.</param>
/// <param name="Correct">Whether <paramref name="Choice"/> is the right answer (false when unanswered).</param>
/// <param name="Seconds">From first shown to Next (or to the next question shown); null when it never ended.</param>
/// <param name="Queries">Queries sent to the assistant on this question.</param>
public sealed record QuestionOutcome(
    string QuestionId, bool Assisted, bool IsAttentionCheck, string? Choice, bool Correct, double? Seconds, int Queries)
{
    /// <summary>True when a choice was made.</summary>
    public bool Answered => Choice is not null;
}
