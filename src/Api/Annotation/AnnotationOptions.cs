namespace InteractionLab.Api.Annotation;

/// <summary>Settings of the annotation feature (section <c>Annotation</c>).</summary>
public sealed class AnnotationOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Annotation";

    /// <summary>Minutes between sweeps (backfill of every project, expired leases); 0 = only at start-up.</summary>
    public double SweepMinutes { get; set; } = 5;
}
