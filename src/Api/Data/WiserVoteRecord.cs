using InteractionLab.Domain.MoralGraph;

namespace InteractionLab.Api.Data;

/// <summary>One participant's wiser-than vote on the story from <see cref="FromValueId"/> to <see cref="ToValueId"/>.</summary>
public sealed class WiserVoteRecord
{
    /// <summary>Primary key.</summary>
    public long Id { get; set; }
    /// <summary>The study.</summary>
    public Guid StudyId { get; set; }
    /// <summary>The value the story starts from (a <see cref="ValuesCardRecord.ValueId"/>).</summary>
    public required string FromValueId { get; set; }
    /// <summary>The value the story moves to, claimed to be wiser.</summary>
    public required string ToValueId { get; set; }
    /// <summary>The story's context, if known.</summary>
    public string? Context { get; set; }
    /// <summary>Yes (wiser), no (not wiser) or not sure.</summary>
    public VoteChoice Choice { get; set; }
    /// <summary>The voter's optional "why".</summary>
    public string? Reason { get; set; }
    /// <summary>Pseudonymous voter key (never a recruitment-platform id).</summary>
    public required string VoterKey { get; set; }
    /// <summary>The question both values belong to.</summary>
    public required string QuestionId { get; set; }
    /// <summary>The participant batch (recruitment wave), if any.</summary>
    public string? Batch { get; set; }
    /// <summary>When the vote was cast.</summary>
    public DateTimeOffset CastAt { get; set; }
    /// <summary>Where it came from.</summary>
    public MoralGraphSource Source { get; set; }
    /// <summary>The <see cref="WiserHypothesis"/> judged, for votes cast on this platform (null for imports).</summary>
    public long? HypothesisId { get; set; }
}
