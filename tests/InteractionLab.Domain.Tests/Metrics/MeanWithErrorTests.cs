using InteractionLab.Domain.Metrics;

namespace InteractionLab.Domain.Tests.Metrics;

public class MeanWithErrorTests
{
    [Fact]
    public void ComputesMeanAndStandardErrorFromTheSampleDeviation()
    {
        // mean 5; squared deviations 9+1+1+9 = 20; sample SD √(20/3); SE = SD / 2.
        var s = MeanWithError.Of([2.0, 4, 6, 8]);

        Assert.Equal(4, s.N);
        Assert.Equal(5, s.Mean);
        Assert.Equal(Math.Sqrt(20.0 / 3), s.StandardDeviation, 12);
        Assert.Equal(Math.Sqrt(20.0 / 3) / 2, s.StandardError, 12);
        Assert.True(s.HasStandardError);
    }

    [Fact]
    public void OneValueHasAMeanButNoStandardError()
    {
        var s = MeanWithError.Of([3.5]);

        Assert.Equal(1, s.N);
        Assert.Equal(3.5, s.Mean);
        Assert.True(double.IsNaN(s.StandardError));
        Assert.False(s.HasStandardError);
    }

    [Fact]
    public void NoValuesGiveNaNMeanAndZeroCount()
    {
        var s = MeanWithError.Of(Array.Empty<double>());

        Assert.Equal(0, s.N);
        Assert.True(double.IsNaN(s.Mean));
    }

    [Fact]
    public void SkipsUndefinedValues()
    {
        var s = MeanWithError.Of(new double?[] { 1, null, 3 });
        var t = MeanWithError.Of([1, double.NaN, 3]);

        Assert.Equal(2, s.N);
        Assert.Equal(2, s.Mean);
        Assert.Equal(s, t);
    }

    [Fact]
    public void IdenticalValuesHaveZeroStandardError()
    {
        Assert.Equal(0, MeanWithError.Of([0.7, 0.7, 0.7]).StandardError, 12);
    }
}
