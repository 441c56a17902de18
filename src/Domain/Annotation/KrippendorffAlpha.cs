namespace InteractionLab.Domain.Annotation;

/// <summary>
/// Krippendorff's alpha from the coincidence matrix (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability"):
/// α = 1 − D_o / D_e with D_o = (1/n) Σ_c Σ_k o_ck δ²_ck and D_e = 1/(n(n − 1)) Σ_c Σ_k n_c n_k δ²_ck.
/// Any number of coders, missing values allowed. See README.md beside this file for the sources and checks.
/// </summary>
public static class KrippendorffAlpha
{
    /// <summary>Alpha of <paramref name="units"/> (each the values coders gave one unit) at <paramref name="level"/>.</summary>
    public static AlphaResult Compute(IEnumerable<IReadOnlyList<double>> units, MeasurementLevel level)
    {
        var list = units as IReadOnlyCollection<IReadOnlyList<double>> ?? units.ToList();
        return Compute(CoincidenceMatrix.From(list), level, list.Count(u => u.Count >= 2));
    }

    /// <summary>Alpha of a coincidence matrix whose pairable units number <paramref name="units"/>.</summary>
    public static AlphaResult Compute(CoincidenceMatrix matrix, MeasurementLevel level, int units)
    {
        var v = matrix.Values.Count;
        var n = matrix.PairableValues;
        if (n < 2) return new AlphaResult(double.NaN, double.NaN, double.NaN, units, n, double.NaN);
        // Prefix sums of the marginals make each ordinal difference O(1), so a 101-point scale stays cheap.
        var below = new double[v + 1];
        for (var c = 0; c < v; c++) below[c + 1] = below[c] + matrix.Marginals[c];
        double observed = 0, expected = 0, agreeing = 0;
        for (var c = 0; c < v; c++)
        {
            agreeing += matrix.Counts[c, c];
            for (var k = 0; k < v; k++)
            {
                if (c == k) continue;
                var d = Delta(level, matrix, below, c, k);
                observed += matrix.Counts[c, k] * d;
                expected += matrix.Marginals[c] * matrix.Marginals[k] * d;
            }
        }
        var dO = observed / n;
        var dE = expected / (n * (n - 1));
        // With a single value in the data there is no variation to agree on: alpha is undefined, not 1.
        var alpha = dE > 0 ? 1 - dO / dE : double.NaN;
        return new AlphaResult(alpha, dO, dE, units, n, agreeing / n);
    }

    /// <summary>
    /// δ²(c, k) between the values in rows <paramref name="c"/> and <paramref name="k"/>. Ordinal differences use the
    /// marginals of the same data: (Σ_{g from c to k} n_g − (n_c + n_k) / 2)², so ranks, not numbers, count.
    /// </summary>
    public static double Difference(MeasurementLevel level, CoincidenceMatrix matrix, int c, int k)
    {
        var below = new double[matrix.Values.Count + 1];
        for (var g = 0; g < matrix.Values.Count; g++) below[g + 1] = below[g] + matrix.Marginals[g];
        return Delta(level, matrix, below, c, k);
    }

    private static double Delta(MeasurementLevel level, CoincidenceMatrix matrix, double[] below, int c, int k)
    {
        if (c == k) return 0;
        var a = matrix.Values[c];
        var b = matrix.Values[k];
        switch (level)
        {
            case MeasurementLevel.Nominal:
                return 1;
            case MeasurementLevel.Interval:
                return (a - b) * (a - b);
            case MeasurementLevel.Ratio:
                // Two zeros are equal; a zero against anything else is maximally different (δ² = 1).
                return a + b == 0 ? 0 : (a - b) * (a - b) / ((a + b) * (a + b));
            case MeasurementLevel.Ordinal:
                var (lo, hi) = c < k ? (c, k) : (k, c);
                var s = below[hi + 1] - below[lo] - (matrix.Marginals[c] + matrix.Marginals[k]) / 2;
                return s * s;
            default:
                throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown level of measurement.");
        }
    }
}

/// <summary>One alpha computation.</summary>
/// <param name="Alpha">α; NaN when undefined (fewer than two pairable values, or every value the same).</param>
/// <param name="ObservedDisagreement">D_o.</param>
/// <param name="ExpectedDisagreement">D_e.</param>
/// <param name="Units">Pairable units (two or more values).</param>
/// <param name="PairableValues">n: values in pairable units.</param>
/// <param name="PercentAgreement">
/// Σ_c o_cc / n: the share of pairable values whose pair partners in their unit gave the same value (with two coders
/// per unit, the share of units on which they agree). Not chance-corrected; shown beside alpha because people ask for it.
/// </param>
public sealed record AlphaResult(double Alpha, double ObservedDisagreement, double ExpectedDisagreement, int Units, double PairableValues, double PercentAgreement)
{
    /// <summary>Whether alpha is defined for the data.</summary>
    public bool IsDefined => !double.IsNaN(Alpha);
}
