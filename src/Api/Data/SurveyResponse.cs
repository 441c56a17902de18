using InteractionLab.Domain;

namespace InteractionLab.Api.Data;

/// <summary>One answer in a survey stage, optionally about one model turn (first-person ratings).</summary>
public sealed class SurveyResponse : ICommitOrdered
{
    /// <summary>Primary key.</summary>
    public long Id { get; set; }
    /// <inheritdoc />
    public long TransactionId { get; set; }
    /// <summary>The session.</summary>
    public SessionId SessionId { get; set; }
    /// <summary>The survey stage.</summary>
    public required string StageKey { get; set; }
    /// <summary>The item.</summary>
    public required string ItemKey { get; set; }
    /// <summary>The model turn the answer is about, for turn marks.</summary>
    public int? TurnIndex { get; set; }
    /// <summary>The answer as text.</summary>
    public required string Value { get; set; }
    /// <summary>
    /// The stage's time limit ran out before this required item was answered (<see cref="Value"/> is then empty).
    /// </summary>
    public bool TimedOut { get; set; }
    /// <summary>When it was saved.</summary>
    public DateTimeOffset SubmittedAt { get; set; }
}
