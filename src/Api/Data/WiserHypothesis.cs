namespace InteractionLab.Api.Data;

/// <summary>
/// A wiser-than hypothesis of a study's moral graph: an LM-written first-person story of someone moving from value
/// A to value B in a context. Researchers review it; participants see it only once it is approved.
/// </summary>
public sealed class WiserHypothesis
{
    /// <summary>Primary key; participants' events and votes name the hypothesis by it.</summary>
    public long Id { get; set; }
    /// <summary>The study.</summary>
    public Guid StudyId { get; set; }
    /// <summary>The question both values belong to.</summary>
    public required string QuestionId { get; set; }
    /// <summary>The value the story starts from (a <see cref="ValuesCardRecord.ValueId"/>).</summary>
    public required string FromValueId { get; set; }
    /// <summary>The value the story moves to.</summary>
    public required string ToValueId { get; set; }
    /// <summary>The context the values were grouped under, e.g. "When in distress".</summary>
    public required string Context { get; set; }
    /// <summary>The story participants read (as generated, or as a researcher edited it).</summary>
    public required string Story { get; set; }
    /// <summary>Draft until a researcher approves or rejects it.</summary>
    public HypothesisStatus Status { get; set; }
    /// <summary>The model that wrote it, as <c>endpoint/model</c>.</summary>
    public required string Model { get; set; }
    /// <summary>SHA-256 (hex) of the prompt file the model was given.</summary>
    public required string PromptHash { get; set; }
    /// <summary>When it was generated.</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Who approved or rejected it last.</summary>
    public string? ReviewedBy { get; set; }
    /// <summary>When it was approved or rejected last.</summary>
    public DateTimeOffset? ReviewedAt { get; set; }
    /// <summary>True once a researcher changed the generated story.</summary>
    public bool Edited { get; set; }
    /// <summary>How many times it was shown to participants (spreads exposure evenly).</summary>
    public int Impressions { get; set; }
}

/// <summary>Where a hypothesis is in review.</summary>
public enum HypothesisStatus
{
    /// <summary>Generated or edited, not yet approved; participants never see it.</summary>
    Draft,
    /// <summary>Approved: shown to participants.</summary>
    Approved,
    /// <summary>Rejected: kept for the record, never shown.</summary>
    Rejected,
}
