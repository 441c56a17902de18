namespace InteractionLab.Domain.Annotation;

/// <summary>Alpha of one question with its bootstrap interval (see <see cref="AlphaBootstrap"/>).</summary>
/// <param name="Level">Level of measurement alpha was computed at.</param>
/// <param name="Alpha">α of all the data; NaN when undefined.</param>
/// <param name="Lower">Lower end of the interval; NaN when there is no interval (fewer than two pairable units).</param>
/// <param name="Upper">Upper end of the interval.</param>
/// <param name="PercentAgreement">Share of pairable values whose partners agree exactly (see <see cref="AlphaResult.PercentAgreement"/>).</param>
/// <param name="Units">Pairable units.</param>
/// <param name="PairableValues">Values in pairable units.</param>
/// <param name="Resamples">Resamples whose alpha was defined (those the interval is made of).</param>
/// <param name="Seed">Seed of the resampling.</param>
/// <param name="Confidence">Confidence level of the interval (0.95).</param>
public sealed record AgreementEstimate(
    MeasurementLevel Level, double Alpha, double Lower, double Upper, double PercentAgreement,
    int Units, double PairableValues, int Resamples, int Seed, double Confidence)
{
    /// <summary>Whether an interval exists.</summary>
    public bool HasInterval => !double.IsNaN(Lower) && !double.IsNaN(Upper);
}
