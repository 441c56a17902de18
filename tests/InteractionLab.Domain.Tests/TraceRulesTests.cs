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
}
