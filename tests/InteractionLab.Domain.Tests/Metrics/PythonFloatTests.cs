using InteractionLab.Domain.Metrics;

namespace InteractionLab.Domain.Tests.Metrics;

public class PythonFloatTests
{
    // Expected values are what CPython 3 prints for round(x, 2): it rounds the exact binary value half to even.
    [Theory]
    [InlineData(0.125, 0.12)]       // exactly representable midpoint: to even (AwayFromZero would give 0.13)
    [InlineData(0.375, 0.38)]       // exactly representable midpoint: to even, upwards this time
    [InlineData(2.675, 2.67)]       // stored as 2.67499999999999982236431605997495353221893310546875
    [InlineData(1.005, 1.0)]        // stored as 1.00499999999999989341858963598497211933135986328125
    [InlineData(0.15, 0.15)]        // 9000 ms / 1000 / 60
    [InlineData(0.3499833333333333, 0.35)]
    [InlineData(-0.125, -0.12)]
    [InlineData(0.004, 0.0)]
    public void RoundsTheExactBinaryValueHalfToEvenAsPythonDoes(double value, double expected)
    {
        Assert.Equal(expected, PythonFloat.Round(value, 2));
    }

    [Fact]
    public void DisagreesWithDotNetsScalingRoundWhereDotNetIsWrong()
    {
        // .NET multiplies by 100 first: 2.675 · 100 = 267.49999999999997 rounds up to the double 267.5, then to even 268.
        Assert.Equal(2.68, Math.Round(2.675, 2, MidpointRounding.ToEven));
        Assert.Equal(2.67, PythonFloat.Round(2.675, 2));
    }

    [Theory]
    [InlineData(12.5, 12)]
    [InlineData(37.5, 38)]
    [InlineData(66.66666666666667, 67)]
    [InlineData(100.0, 100)]
    public void RoundsToAnIntegerHalfToEven(double value, long expected)
    {
        Assert.Equal(expected, PythonFloat.RoundToInteger(value));
    }

    [Theory]
    [InlineData(0.0, "0.0")]
    [InlineData(100.0, "100.0")]
    [InlineData(0.07, "0.07")]
    [InlineData(0.9, "0.9")]
    [InlineData(6.28, "6.28")]
    [InlineData(-0.5, "-0.5")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1234567890123456.0, "1234567890123456.0")]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    public void PrintsLikePythonsRepr(double value, string expected)
    {
        Assert.Equal(expected, PythonFloat.Repr(value));
    }
}
