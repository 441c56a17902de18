using InteractionLab.Domain;

namespace InteractionLab.Api.Annotation.Data;

/// <summary>
/// One thing to rate: a blinded, redacted snapshot (<see cref="ContentJson"/>) taken when the item was created, the
/// keys that tie it back to its session, turn or artifact (for researchers only), and the queue counters the
/// assignment works with under a row lock.
/// </summary>
public sealed class AnnotationItem
{
    /// <summary>Primary key (never shown to annotators).</summary>
    public long Id { get; set; }
    /// <summary>The pseudonymous id annotators, reviewers and exports use.</summary>
    public Guid PublicId { get; set; } = Guid.NewGuid();
    /// <summary>The project.</summary>
    public Guid ProjectId { get; set; }
    /// <summary>Unique within the project: where the item came from (<c>summary:{session}:{stage}:{doc}:edited</c>, <c>file:{id}</c>…).</summary>
    public required string SourceKey { get; set; }
    /// <summary>Regular, gold or qualification.</summary>
    public AnnotationItemRole Role { get; set; }
    /// <summary>Made from a session, by hand or from a file.</summary>
    public AnnotationItemOrigin Origin { get; set; }
    /// <summary>The session it was made from, if any.</summary>
    public SessionId? SessionId { get; set; }
    /// <summary>The stage it was made from, if any.</summary>
    public string? StageKey { get; set; }
    /// <summary>The turn it rates (model-turn items), if any.</summary>
    public int? TurnIndex { get; set; }
    /// <summary>The artifact it rates (document id + version, sentence id, question id, card id), if any.</summary>
    public string? ArtifactKey { get; set; }
    /// <summary>The source session's study config hash, if any.</summary>
    public string? ConfigHash { get; set; }
    /// <summary>What annotators see: an <c>ItemContent</c> as JSON, blinded and redacted.</summary>
    public required string ContentJson { get; set; }
    /// <summary>Replacements made by redaction, by kind (JSON object), for the researcher's review.</summary>
    public string? RedactionsJson { get; set; }
    /// <summary>Gold and qualification items: expected answer per question key (JSON object).</summary>
    public string? ExpectedJson { get; set; }
    /// <summary>Submitted ratings from annotators who are not excluded.</summary>
    public int Submitted { get; set; }
    /// <summary><see cref="Submitted"/> plus live leases: the slots of k that are taken.</summary>
    public int Taken { get; set; }
    /// <summary>
    /// Regular items with a free slot: k − <see cref="Submitted"/> (ratings still needed, so the smallest is closest to
    /// completion and served first); null when every slot is taken, and always null for gold and qualification items.
    /// </summary>
    public int? QueueRank { get; set; }
    /// <summary>Random position in the ring each annotator walks from their own offset (per-annotator order).</summary>
    public int Shuffle { get; set; }
    /// <summary>When the item was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When a reviewer finished adjudicating it.</summary>
    public DateTimeOffset? ReviewedAt { get; set; }
    /// <summary>Who adjudicated it.</summary>
    public string? ReviewedBy { get; set; }
}

/// <summary>What an item is for.</summary>
public enum AnnotationItemRole
{
    /// <summary>Rated by k annotators; counts in agreement.</summary>
    Regular,
    /// <summary>Has expected answers; mixed in every n items; measures each annotator's accuracy.</summary>
    Gold,
    /// <summary>Has expected answers; rated first by every annotator, who must pass before rating regular items.</summary>
    Qualification,
}

/// <summary>Where an item came from.</summary>
public enum AnnotationItemOrigin
{
    /// <summary>A completed session (automatically).</summary>
    Session,
    /// <summary>Added by a researcher, one at a time.</summary>
    Manual,
    /// <summary>Uploaded in a JSON Lines or CSV file.</summary>
    File,
}
