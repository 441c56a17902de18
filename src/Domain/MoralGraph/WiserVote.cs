namespace InteractionLab.Domain.MoralGraph;

/// <summary>One participant's judgement of one wiser-than hypothesis (a story of someone moving from one value to another).</summary>
/// <param name="ParticipantKey">Pseudonymous participant key; lets analyses count distinct voters.</param>
/// <param name="FromValueId">The value the person in the story started from (A).</param>
/// <param name="ToValueId">The value they moved to (B), claimed to be wiser.</param>
/// <param name="Choice">The participant's answer.</param>
/// <param name="Context">The context the story was written for, e.g. "When in distress"; null when unknown.</param>
/// <param name="Reason">The participant's optional "why".</param>
/// <param name="CastAt">When the vote was cast; graphs are filtered by a [from, to) window on it.</param>
/// <param name="Batch">The participant batch (recruitment wave) the voter belongs to, if any.</param>
public sealed record WiserVote(
    string ParticipantKey,
    string FromValueId,
    string ToValueId,
    VoteChoice Choice,
    string? Context,
    string? Reason,
    DateTimeOffset CastAt,
    string? Batch);
