namespace InteractionLab.Api.Annotation.Queue;

/// <summary>What a hand-out of a regular item needs to know (see <see cref="IItemPicker.LeaseRegularAsync"/>).</summary>
/// <param name="ProjectId">The project.</param>
/// <param name="AnnotatorId">Who asks.</param>
/// <param name="RatersPerItem">k.</param>
/// <param name="Offset">Where the annotator starts in the item ring.</param>
/// <param name="Ring">Size of the ring (positions are in [0, Ring)).</param>
/// <param name="Now">The hand-out time.</param>
/// <param name="ExpiresAt">When the lease runs out.</param>
/// <param name="ProjectConfigHash">The project config the rating will be given under.</param>
public sealed record RegularLease(Guid ProjectId, Guid AnnotatorId, int RatersPerItem, int Offset, int Ring, DateTimeOffset Now, DateTimeOffset ExpiresAt,
    string ProjectConfigHash);
