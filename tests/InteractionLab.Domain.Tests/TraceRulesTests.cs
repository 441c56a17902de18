using InteractionLab.Domain.Tracing;

namespace InteractionLab.Domain.Tests;

public sealed class TraceRulesTests
{
    [Theory]
    [InlineData("text.insert", true)]
    [InlineData("suggestion-get", true)]
    [InlineData("a", true)]
    [InlineData("0window_blur", true)]
    [InlineData("", false)]
    [InlineData(".hidden", false)]
    [InlineData("Text.Insert", false)]
    [InlineData("has space", false)]
    [InlineData(null, false)]
    public void EventTypesAreShortLowerCaseDottedNames(string? type, bool valid) => Assert.Equal(valid, TraceRules.IsValidType(type));

    [Fact]
    public void EventTypeLongerThanSixtyFourCharactersIsRefused()
    {
        Assert.True(TraceRules.IsValidType(new string('a', 64)));
        Assert.False(TraceRules.IsValidType(new string('a', 65)));
    }

    [Fact]
    public void WatermarkWalksToTheFirstGap()
    {
        Assert.Equal(3, TraceRules.ContiguousWatermark(0, [1, 2, 3, 5, 6]));
        Assert.Equal(0, TraceRules.ContiguousWatermark(0, [2, 3]));
        Assert.Equal(12, TraceRules.ContiguousWatermark(10, [11, 12, 14]));
    }
}
