using InteractionLab.Domain.Annotation;

namespace InteractionLab.Domain.Tests.Annotation;

public class AlphaBootstrapTests
{
    /// <summary>
    /// Simulated ratings: each unit has a true 1–5 value; three raters give it, each off by one with probability
    /// <paramref name="noise"/>. The same seed gives the same data.
    /// </summary>
    private static List<IReadOnlyList<double>> Simulated(int units, double noise, int seed = 7)
    {
        var random = new Random(seed);
        var list = new List<IReadOnlyList<double>>();
        for (var u = 0; u < units; u++)
        {
            var truth = random.Next(1, 6);
            list.Add(Enumerable.Range(0, 3).Select(_ =>
                (double)Math.Clamp(truth + (random.NextDouble() < noise ? (random.Next(2) == 0 ? -1 : 1) : 0), 1, 5)).ToList());
        }
        return list;
    }

    [Theory]
    [InlineData(MeasurementLevel.Nominal)]
    [InlineData(MeasurementLevel.Ordinal)]
    [InlineData(MeasurementLevel.Interval)]
    [InlineData(MeasurementLevel.Ratio)]
    public void TheIntervalContainsThePointEstimate(MeasurementLevel level)
    {
        var e = AlphaBootstrap.Estimate(Simulated(200, 0.3), level);

        Assert.True(e.HasInterval);
        Assert.InRange(e.Alpha, e.Lower, e.Upper);
        Assert.True(e.Lower < e.Upper);
    }

    [Fact]
    public void ThePapersExampleHasAnIntervalAroundItsAlpha()
    {
        var e = AlphaBootstrap.Estimate(KrippendorffAlphaTests.Units(
        [
            [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
            [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
            [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
            [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
        ]), MeasurementLevel.Nominal);

        Assert.Equal(113.0 / 152, e.Alpha, 1e-12);
        Assert.InRange(e.Alpha, e.Lower, e.Upper);
        Assert.True(e.Upper <= 1);
        Assert.True(e.Resamples >= 990, $"{e.Resamples} of 1000 resamples had an alpha");
    }

    [Fact]
    public void TheIntervalNarrowsAsUnitsGrow()
    {
        // Same raters, same noise: the interval's width shrinks roughly as 1/√units.
        double Width(int units)
        {
            var e = AlphaBootstrap.Estimate(Simulated(units, 0.3), MeasurementLevel.Ordinal);
            return e.Upper - e.Lower;
        }

        var w50 = Width(50);
        var w500 = Width(500);
        var w5000 = Width(5000);

        Assert.True(w500 < w50 * 0.6, $"width at 500 units {w500:F3} vs 50 units {w50:F3}");
        Assert.True(w5000 < w500 * 0.6, $"width at 5000 units {w5000:F3} vs 500 units {w500:F3}");
    }

    [Fact]
    public void TheSameSeedGivesTheSameIntervalAndAnotherSeedAnother()
    {
        var data = Simulated(100, 0.4);

        var a = AlphaBootstrap.Estimate(data, MeasurementLevel.Interval, seed: 1);
        var b = AlphaBootstrap.Estimate(data, MeasurementLevel.Interval, seed: 1);
        var c = AlphaBootstrap.Estimate(data, MeasurementLevel.Interval, seed: 2);

        Assert.Equal((a.Lower, a.Upper), (b.Lower, b.Upper));
        Assert.NotEqual((a.Lower, a.Upper), (c.Lower, c.Upper));
        Assert.Equal(a.Alpha, c.Alpha);
    }

    [Fact]
    public void ByDefaultAThousandResamplesMakeTheInterval()
    {
        var e = AlphaBootstrap.Estimate(Simulated(60, 0.3), MeasurementLevel.Ordinal);

        Assert.Equal(1000, AlphaBootstrap.DefaultResamples);
        Assert.Equal(1000, e.Resamples);
        Assert.Equal(0.95, e.Confidence);
    }

    [Fact]
    public void OneUnitHasAnAlphaButNoInterval()
    {
        var e = AlphaBootstrap.Estimate([[1.0, 2.0, 2.0]], MeasurementLevel.Nominal);

        Assert.False(e.HasInterval);
    }

    [Fact]
    public void QuantilesInterpolateBetweenOrderStatistics()
    {
        // Type 7: h = (n − 1)q; for 0,10,20,30,40 and q = 0.1, h = 0.4 ⇒ 0 + 0.4·10 = 4.
        Assert.Equal(4, AlphaBootstrap.Quantile([0, 10, 20, 30, 40], 0.1), 1e-12);
        Assert.Equal(40, AlphaBootstrap.Quantile([0, 10, 20, 30, 40], 1), 1e-12);
    }

    [Fact]
    public void TheCurveEndsAtTheAlphaOfAllUnitsAndItsPointsGrow()
    {
        var data = Simulated(100, 0.3);

        var curve = AgreementCurve.Of(data, MeasurementLevel.Ordinal, points: 5, resamples: 200);

        Assert.Equal([20, 40, 60, 80, 100], curve.Select(p => p.Units));
        Assert.Equal(KrippendorffAlpha.Compute(data, MeasurementLevel.Ordinal).Alpha, curve[^1].Alpha, 1e-12);
        Assert.All(curve, p => Assert.InRange(p.Alpha, p.Lower, p.Upper));
    }
}
