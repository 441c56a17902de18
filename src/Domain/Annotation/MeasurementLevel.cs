namespace InteractionLab.Domain.Annotation;

/// <summary>
/// Krippendorff's levels of measurement: which difference function δ²(c, k) alpha uses between two values.
/// </summary>
public enum MeasurementLevel
{
    /// <summary>Categories without order (yes/no, multiple choice): δ² = 0 when equal, else 1.</summary>
    Nominal,
    /// <summary>Ranks (Likert): δ² grows with how many values lie between c and k in the data (see <see cref="KrippendorffAlpha.Difference"/>).</summary>
    Ordinal,
    /// <summary>Equal intervals (sliders): δ² = (c − k)².</summary>
    Interval,
    /// <summary>Ratios with an absolute zero: δ² = ((c − k) / (c + k))².</summary>
    Ratio,
}
