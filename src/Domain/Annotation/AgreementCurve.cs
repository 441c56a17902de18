namespace InteractionLab.Domain.Annotation;

/// <summary>
/// How alpha evolved while ratings came in: alpha and its interval over the first n pairable units, in the order they
/// became pairable (their second rating), at up to <c>points</c> evenly spaced n. A researcher sees whether agreement
/// has settled before the project ends, or drifted as annotators tired.
/// </summary>
public static class AgreementCurve
{
    /// <summary>The curve of <paramref name="unitsInOrder"/> (oldest first).</summary>
    public static IReadOnlyList<AgreementPoint> Of(IReadOnlyList<IReadOnlyList<double>> unitsInOrder, MeasurementLevel level,
        int points = 10, int resamples = AlphaBootstrap.DefaultResamples, int seed = AlphaBootstrap.DefaultSeed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 1);
        var pairable = unitsInOrder.Where(u => u.Count >= 2).ToList();
        var sizes = Enumerable.Range(1, points)
            .Select(i => (int)Math.Round(pairable.Count * (double)i / points, MidpointRounding.AwayFromZero))
            .Where(n => n >= 2).Distinct();
        return sizes.Select(n =>
        {
            var estimate = AlphaBootstrap.Estimate(pairable.Take(n), level, resamples, seed);
            return new AgreementPoint(n, estimate.Alpha, estimate.Lower, estimate.Upper);
        }).ToList();
    }
}

/// <summary>Alpha over the first <paramref name="Units"/> pairable units.</summary>
/// <param name="Units">How many units.</param>
/// <param name="Alpha">α.</param>
/// <param name="Lower">Lower end of the 95 % interval.</param>
/// <param name="Upper">Upper end.</param>
public sealed record AgreementPoint(int Units, double Alpha, double Lower, double Upper);
