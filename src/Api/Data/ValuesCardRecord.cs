namespace InteractionLab.Api.Data;

/// <summary>
/// A canonical values card of a study's moral graph: articulated in an interview here or imported from another
/// platform's study. <see cref="ValueId"/> is the canonical value the card belongs to and the id votes refer to
/// (kept as given on import); cards judged to express the same value share it, so a value is a group of cards.
/// </summary>
public sealed class ValuesCardRecord
{
    /// <summary>Primary key.</summary>
    public long Id { get; set; }
    /// <summary>The study the card belongs to.</summary>
    public Guid StudyId { get; set; }
    /// <summary>The canonical value id; votes name values by it. Several cards may share it (merged as the same value).</summary>
    public required string ValueId { get; set; }
    /// <summary>Card title.</summary>
    public required string Title { get; set; }
    /// <summary>Card description.</summary>
    public required string Description { get; set; }
    /// <summary>Attentional policies as a JSON array of strings.</summary>
    public required string PoliciesJson { get; set; }
    /// <summary>The author's participant, when the card was articulated here.</summary>
    public Guid? AuthorParticipantId { get; set; }
    /// <summary>The author's pseudonym (imports carry no participant ids).</summary>
    public string? AuthorPseudonym { get; set; }
    /// <summary>The question (chooser context) the value was elicited for.</summary>
    public required string QuestionId { get; set; }
    /// <summary>When it was stored.</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Where it came from.</summary>
    public MoralGraphSource Source { get; set; }
    /// <summary>The author's session, when articulated in an interview here.</summary>
    public Guid? SessionId { get; set; }
    /// <summary>The interview (<see cref="InterviewChat.Id"/>) the card was articulated in.</summary>
    public Guid? ChatId { get; set; }
    /// <summary>Cosine similarity to the closest existing value of the question when the card was canonicalised.</summary>
    public double? Similarity { get; set; }
    /// <summary>That closest value's id (whether or not the card joined it).</summary>
    public string? ClosestValueId { get; set; }
    /// <summary>
    /// How the card got its <see cref="ValueId"/>: <c>new</c>, <c>merged-identical</c>, <c>merged-confirmed</c> (the
    /// LM said it is the same value), <c>kept-apart</c> (similar, but the LM said no), <c>merged-by-researcher</c>,
    /// <c>split-by-researcher</c>; null for imports.
    /// </summary>
    public string? CanonicalDecision { get; set; }
}

/// <summary>Where a values card or vote came from.</summary>
public enum MoralGraphSource
{
    /// <summary>A participant's interview or vote on this platform.</summary>
    Interview,
    /// <summary>An import of another platform's study.</summary>
    Import,
}
