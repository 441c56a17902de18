using InteractionLab.Domain.Annotation;

namespace InteractionLab.Domain.Tests.Annotation;

/// <summary>
/// Alpha against published worked examples: Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability",
/// section C (4 observers, 12 units, missing values), and the test data of the `krippendorff` Python package
/// (pln-fing-udelar/fast-krippendorff, tests/test_krippendorff.py). The matrices and fractions in the comments were
/// worked out by hand from the reliability data (and checked with exact fractions).
/// </summary>
public class KrippendorffAlphaTests
{
    // Krippendorff 2011, section C. Rows are observers A–D, columns units 1–12; null = missing.
    private static readonly double?[][] Paper =
    [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
        [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
    ];

    // The package's 3 coders × 15 units (the example of the Wikipedia article).
    private static readonly double?[][] Package =
    [
        [null, null, null, null, null, 3, 4, 1, 2, 1, 1, 3, 3, null, 3],
        [1, null, 2, 1, 3, 3, 4, 3, null, null, null, null, null, null, null],
        [null, null, 2, 1, 3, 4, 4, null, 2, 1, 1, 3, 3, null, 4],
    ];

    /// <summary>Reliability data (coders × units) as units.</summary>
    internal static IReadOnlyList<IReadOnlyList<double>> Units(double?[][] coders) =>
        Enumerable.Range(0, coders[0].Length)
            .Select(u => (IReadOnlyList<double>)coders.Where(c => c[u] is not null).Select(c => c[u]!.Value).ToList())
            .ToList();

    [Fact]
    public void ThePapersCoincidenceMatrixIsRebuiltFromItsReliabilityData()
    {
        // Unit 1 (values 1,1,1; m = 3): 6 ordered pairs of weight 1/2 → o11 += 3. Unit 6 (1,2,3,4; m = 4): 12 pairs
        // of weight 1/3, one for each ordered pair of different values. Unit 12 has one value and is not pairable.
        // Summing all units gives the paper's matrix (rows/columns are the values 1–5):
        //   1: 7    4/3  1/3  1/3  0     n1 = 9
        //   2: 4/3  10   4/3  1/3  0     n2 = 13
        //   3: 1/3  4/3  8    1/3  0     n3 = 10
        //   4: 1/3  1/3  1/3  4    0     n4 = 5
        //   5: 0    0    0    0    3     n5 = 3      n = 40
        var m = CoincidenceMatrix.From(Units(Paper));

        Assert.Equal([1, 2, 3, 4, 5], m.Values);
        double[,] expected =
        {
            { 7, 4 / 3.0, 1 / 3.0, 1 / 3.0, 0 },
            { 4 / 3.0, 10, 4 / 3.0, 1 / 3.0, 0 },
            { 1 / 3.0, 4 / 3.0, 8, 1 / 3.0, 0 },
            { 1 / 3.0, 1 / 3.0, 1 / 3.0, 4, 0 },
            { 0, 0, 0, 0, 3 },
        };
        for (var c = 0; c < 5; c++)
            for (var k = 0; k < 5; k++)
                Assert.Equal(expected[c, k], m.Counts[c, k], 1e-12);
        Assert.Equal([9, 13, 10, 5, 3], m.Marginals.Select(x => Math.Round(x, 9)));
        Assert.Equal(40, m.PairableValues, 1e-12);
    }

    [Fact]
    public void NominalAlphaOfThePapersExampleIs0743()
    {
        // Do = 1 − Σ o_cc / n = 1 − (7 + 10 + 8 + 4 + 3)/40 = 8/40 = 1/5.
        // De = (n² − Σ n_c²) / (n(n − 1)) = (1600 − (81 + 169 + 100 + 25 + 9)) / 1560 = 1216/1560 = 152/195.
        // α = 1 − (1/5)/(152/195) = 1 − 39/152 = 113/152 = 0.743421…
        var a = KrippendorffAlpha.Compute(Units(Paper), MeasurementLevel.Nominal);

        Assert.Equal(113.0 / 152, a.Alpha, 1e-12);
        Assert.Equal(0.743, Math.Round(a.Alpha, 3));
        Assert.Equal(11, a.Units);
        // Percent agreement is Σ o_cc / n = 32/40.
        Assert.Equal(0.8, a.PercentAgreement, 1e-12);
    }

    [Fact]
    public void OrdinalAlphaOfThePapersExampleIs0815()
    {
        // δ²(c,k) = (Σ_{g=c..k} n_g − (n_c + n_k)/2)², e.g. δ²(1,2) = (9 + 13 − 11)² = 121, δ²(1,5) = (40 − 6)² = 1156.
        // Summed: Do = 1891/40 and De = 3329/13, so α = 1 − (1891/40)/(3329/13) = 1 − 24583/133160 = 0.81539…
        var a = KrippendorffAlpha.Compute(Units(Paper), MeasurementLevel.Ordinal);

        Assert.Equal(1 - 24583.0 / 133160, a.Alpha, 1e-12);
        Assert.Equal(0.815, Math.Round(a.Alpha, 3));
    }

    [Fact]
    public void IntervalAlphaOfThePapersExampleIs0849()
    {
        // δ² = (c − k)². Do = (2·(4/3·1 + 1/3·4 + 1/3·9) + 2·(4/3·1 + 1/3·4) + 2·(1/3·1)) / 40
        //                  = (2·(17/3) + 2·(8/3) + 2/3) / 40 = (52/3)/40 = 13/30.
        // De = Σ n_c n_k (c − k)² / (40·39) = 4480/1560 = 112/39, so α = 1 − (13/30)/(112/39) = 1 − 169/1120 = 0.849107…
        var a = KrippendorffAlpha.Compute(Units(Paper), MeasurementLevel.Interval);

        Assert.Equal(1 - 169.0 / 1120, a.Alpha, 1e-12);
        Assert.Equal(0.849, Math.Round(a.Alpha, 3));
    }

    [Fact]
    public void RatioAlphaOfThePapersExampleIs0797()
    {
        // δ² = ((c − k)/(c + k))², e.g. δ²(1,2) = 1/9, δ²(2,3) = 1/25. Do = 59357/2646000, De = 4570493/41277600,
        // α = 1 − Do/De = 0.797402…
        var a = KrippendorffAlpha.Compute(Units(Paper), MeasurementLevel.Ratio);

        Assert.Equal(1 - (59357.0 / 2646000) / (4570493.0 / 41277600), a.Alpha, 1e-12);
        Assert.Equal(0.797, Math.Round(a.Alpha, 3));
    }

    [Fact]
    public void NominalAlphaOfThePackagesThreeCoderExampleIs0691358()
    {
        // Pairable units: 2,3,4,5,6,7,8,9,10,11,12,13,15 (n = 26); Σ o_cc = 6 + 4 + 7 + 3 = 20 ⇒ Do = 6/26 = 3/13.
        // n_c = 7, 4, 10, 5 ⇒ De = (676 − 190)/650 = 243/325 ⇒ α = 1 − (3/13)/(243/325) = 1 − 25/81 = 56/81 = 0.691358.
        var a = KrippendorffAlpha.Compute(Units(Package), MeasurementLevel.Nominal);

        Assert.Equal(56.0 / 81, a.Alpha, 1e-12);
        Assert.Equal(0.691358, Math.Round(a.Alpha, 6));
    }

    [Fact]
    public void IntervalAlphaOfThePackagesThreeCoderExampleIs0810845()
    {
        // Off-diagonal coincidences: o13 = o31 = 1, o34 = o43 = 2 ⇒ Do = (2·1·4 + 2·2·1)/26 = 12/26 = 6/13.
        // De = Σ n_c n_k (c − k)² / (26·25) = 1586/650 = 61/25 ⇒ α = 1 − (6/13)/(61/25) = 1 − 150/793 = 0.810845…
        var a = KrippendorffAlpha.Compute(Units(Package), MeasurementLevel.Interval);

        Assert.Equal(1 - 150.0 / 793, a.Alpha, 1e-12);
        Assert.Equal(0.810845, Math.Round(a.Alpha, 6));
    }

    [Fact]
    public void StringLabelsCodedAsNumbersGiveThePackagesNominalValue0722222()
    {
        // pos = 1, neg = 2, neu = 3; units (1,1,1), (2,2,2), (3,3,1), (1,1). Unit 3 gives o33 = 2·½ = 1 and
        // o13 = o31 = 2·½ = 1; so o11 = 3 + 2 = 5, o22 = 3, o33 = 1 ⇒ n1 = 6, n2 = 3, n3 = 2, n = 11, Do = 2/11,
        // De = (121 − 36 − 9 − 4)/110 = 72/110 ⇒ α = 1 − (2/11)/(72/110) = 1 − 20/72 = 13/18 = 0.722222.
        double?[][] coders =
        [
            [1, 2, 3, null],
            [1, 2, 3, 1],
            [1, 2, 1, 1],
        ];
        var a = KrippendorffAlpha.Compute(Units(coders), MeasurementLevel.Nominal);

        Assert.Equal(13.0 / 18, a.Alpha, 1e-12);
        Assert.Equal(0.722222, Math.Round(a.Alpha, 6));
    }

    [Fact]
    public void RatioAlphaTreatsTwoZerosAsEqual()
    {
        // The package's "ratio with zeros": both coders agree everywhere, including on 0, so α = 1 (0/0 is no difference).
        var a = KrippendorffAlpha.Compute(Units([[0, 1, 2], [0, 1, 2]]), MeasurementLevel.Ratio);

        Assert.Equal(1, a.Alpha, 1e-12);
    }

    [Theory]
    [InlineData(MeasurementLevel.Nominal)]
    [InlineData(MeasurementLevel.Ordinal)]
    [InlineData(MeasurementLevel.Interval)]
    [InlineData(MeasurementLevel.Ratio)]
    public void PerfectAgreementIsOneAtEveryLevel(MeasurementLevel level)
    {
        var a = KrippendorffAlpha.Compute(Units([[1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4]]), level);

        Assert.Equal(1, a.Alpha, 1e-12);
        Assert.Equal(1, a.PercentAgreement, 1e-12);
    }

    [Fact]
    public void AlphaIsUndefinedWhenEveryValueIsTheSame()
    {
        // No variation: D_e = 0, and alpha is 0/0, not 1 (the package refuses such data too).
        var a = KrippendorffAlpha.Compute(Units([[1, 1], [1, 1]]), MeasurementLevel.Nominal);

        Assert.False(a.IsDefined);
    }

    [Fact]
    public void AlphaIsUndefinedWithoutAUnitThatTwoCodersRated()
    {
        var a = KrippendorffAlpha.Compute(Units([[1, null], [null, 2]]), MeasurementLevel.Nominal);

        Assert.False(a.IsDefined);
        Assert.Equal(0, a.Units);
    }

    [Fact]
    public void SystematicDisagreementGivesNegativeAlpha()
    {
        // Two coders who always disagree on a yes/no question: units (1,2),(2,1),(1,2),(2,1). n = 8, Do = 1,
        // n1 = n2 = 4 ⇒ De = (64 − 32)/56 = 4/7 ⇒ α = 1 − 7/4 = −3/4.
        var a = KrippendorffAlpha.Compute(Units([[1, 2, 1, 2], [2, 1, 2, 1]]), MeasurementLevel.Nominal);

        Assert.Equal(-0.75, a.Alpha, 1e-12);
    }
}
