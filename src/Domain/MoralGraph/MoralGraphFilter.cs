namespace InteractionLab.Domain.MoralGraph;

/// <summary>
/// Which slice of a study a graph is built from: one question, one context, one run's time window, one batch of
/// participants. Every part is optional; null means "no restriction". All parts select <b>votes</b>; the values listed
/// follow from them (see <see cref="ValueListing"/>).
/// </summary>
/// <param name="QuestionId">Only votes on stories of this question (a vote's question, else its first value's question).</param>
/// <param name="From">Only votes cast at or after this instant (inclusive).</param>
/// <param name="To">Only votes cast before this instant (exclusive), so consecutive windows never share a vote.</param>
/// <param name="Batch">Only votes from participants of this batch (ordinal match).</param>
/// <param name="Context">Only votes on stories of this context (ordinal match after trimming), as the published per-context graph.</param>
public sealed record MoralGraphFilter(
    string? QuestionId = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Batch = null,
    string? Context = null)
{
    /// <summary>No restriction: every value and every vote.</summary>
    public static MoralGraphFilter All { get; } = new();

    /// <summary>Whether the value belongs to the filtered question (used to list values with <see cref="ValueListing.All"/>).</summary>
    public bool Includes(CanonicalValue value) => QuestionId is null || value.QuestionId == QuestionId;

    /// <summary>Whether the vote falls in the time window, batch and context; its question is checked with <see cref="InQuestion"/>.</summary>
    public bool Includes(WiserVote vote) =>
        (From is null || vote.CastAt >= From.Value)
        && (To is null || vote.CastAt < To.Value)
        && (Batch is null || vote.Batch == Batch)
        && (Context is null || vote.Context?.Trim() == Context.Trim());

    /// <summary>Whether a vote whose story was shown under <paramref name="questionId"/> is in the filtered question.</summary>
    public bool InQuestion(string questionId) => QuestionId is null || questionId == QuestionId;
}
