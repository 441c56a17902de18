namespace InteractionLab.Domain.MoralGraph;

/// <summary>One participant's judgement of one wiser-than hypothesis (a story of someone moving from one value to another).</summary>
/// <param name="ParticipantKey">Pseudonymous participant key; lets analyses count distinct voters.</param>
/// <param name="FromValueId">The value the person in the story started from (A).</param>
/// <param name="ToValueId">The value they moved to (B), claimed to be wiser.</param>
/// <param name="Choice">The participant's answer.</param>
/// <param name="Context">The context the story was written for, e.g. "When in distress"; null when unknown.</param>
/// <param name="Reason">The participant's optional "why".</param>
/// <param name="CastAt">When the vote was cast; graphs are filtered by a [from, to) window on it.</param>
/// <param name="Batch">The participant batch (recruitment wave, or the original platform's run) the vote belongs to, if any.</param>
/// <param name="QuestionId">
/// The question the story was shown under; null means the question of <paramref name="FromValueId"/>. Set on its own for
/// votes imported from the original platform, whose question comes from the story's context.
/// </param>
public sealed record WiserVote(
    string ParticipantKey,
    string FromValueId,
    string ToValueId,
    VoteChoice Choice,
    string? Context,
    string? Reason,
    DateTimeOffset CastAt,
    string? Batch,
    string? QuestionId = null);
