using InteractionLab.Domain.Metrics;

namespace InteractionLab.Domain.Tests.Metrics;

public class PythonTextTests
{
    [Fact]
    public void StripsPythonWhitespaceIncludingTheInformationSeparatorsDotNetKeeps()
    {
        // "\x1f".isspace() is True in Python; char.IsWhiteSpace('\u001f') is false in .NET.
        Assert.False(char.IsWhiteSpace('\u001F'));
        Assert.Equal("a b", PythonText.Strip("\u001F\t a b\u00A0\u3000\n"));
        Assert.Equal("", PythonText.Strip(" \n "));
        // A zero-width space is not whitespace in Python either.
        Assert.Equal("\u200Bx", PythonText.Strip("\u200Bx "));
    }

    [Fact]
    public void SplitsOnRunsOfWhitespaceAndDropsEmptyTokensLikeStrSplit()
    {
        Assert.Equal(["Life,", "is", "a", "game."], PythonText.Split("  Life,  is\ta\n\ngame. "));
        Assert.Empty(PythonText.Split(""));
        Assert.Empty(PythonText.Split(" \u001E "));
    }

    [Fact]
    public void CountsCodePointsSoAnEmojiIsOneAndACombiningAccentIsItsOwn()
    {
        Assert.Equal(3, PythonText.CodePoints("a🎲b").Length);
        // No normalisation: e + combining acute is two code points, as len() says in Python.
        Assert.Equal(2, PythonText.CodePoints("e\u0301").Length);
        Assert.Equal(0x1F3B2, PythonText.CodePoints("🎲")[0]);
    }
}
