namespace InteractionLab.Domain.MoralGraph;

/// <summary>
/// Which slice of a study a graph is built from: one question's values, one run's time window, one batch of
/// participants. Every part is optional; null means "no restriction".
/// </summary>
/// <param name="QuestionId">Only values elicited for this question (and votes between them).</param>
/// <param name="From">Only votes cast at or after this instant (inclusive).</param>
/// <param name="To">Only votes cast before this instant (exclusive), so consecutive windows never share a vote.</param>
/// <param name="Batch">Only votes from participants of this batch (ordinal match).</param>
public sealed record MoralGraphFilter(
    string? QuestionId = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Batch = null)
{
    /// <summary>No restriction: every value and every vote.</summary>
    public static MoralGraphFilter All { get; } = new();

    /// <summary>Whether the value belongs to the filtered question.</summary>
    public bool Includes(CanonicalValue value) => QuestionId is null || value.QuestionId == QuestionId;

    /// <summary>Whether the vote falls in the time window and batch (the question is decided by its values).</summary>
    public bool Includes(WiserVote vote) =>
        (From is null || vote.CastAt >= From.Value)
        && (To is null || vote.CastAt < To.Value)
        && (Batch is null || vote.Batch == Batch);
}
