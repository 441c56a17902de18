namespace InteractionLab.Api.Annotation.Queue;

/// <summary>An item just handed out: its new (or renewed) assignment and what the annotator's view is built from.</summary>
public sealed class LeasedItem
{
    /// <summary>The assignment.</summary>
    public long AssignmentId { get; init; }
    /// <summary>The item's key.</summary>
    public long ItemId { get; init; }
    /// <summary>The item's pseudonymous id.</summary>
    public Guid PublicId { get; init; }
    /// <summary>The item's blinded snapshot.</summary>
    public required string ContentJson { get; init; }
    /// <summary>The annotator's n-th item.</summary>
    public int Position { get; init; }
    /// <summary>Whether the pair's sides are swapped for this annotator (as stored).</summary>
    public bool SidesSwapped { get; init; }
    /// <summary>When the lease runs out.</summary>
    public DateTimeOffset LeaseExpiresAt { get; init; }
    /// <summary>A half-filled form kept from an earlier lease of the same item.</summary>
    public string? DraftJson { get; init; }
}
