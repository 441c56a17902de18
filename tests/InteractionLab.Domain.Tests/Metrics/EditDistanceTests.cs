using InteractionLab.Domain.Metrics;

namespace InteractionLab.Domain.Tests.Metrics;

public class EditDistanceTests
{
    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("sitting", "kitten", 3)]
    [InlineData("", "", 0)]
    [InlineData("", "abc", 3)]
    [InlineData("abc", "", 3)]
    [InlineData("flaw", "lawn", 2)]
    [InlineData("same", "same", 0)]
    public void CountsCharacterEditsLikeLevenshtein(string from, string to, int expected)
    {
        Assert.Equal(expected, EditDistance.Characters(from, to));
    }

    [Fact]
    public void CountsAnAccentedLetterAsOneCharacterWhetherComposedOrNot()
    {
        Assert.Equal(1, EditDistance.Characters("cafe", "café"));
        Assert.Equal(0, EditDistance.Characters("caf\u00e9", "cafe\u0301"));
    }

    [Fact]
    public void CountsAnEmojiAsOneCharacter()
    {
        Assert.Equal(1, EditDistance.Characters("I 😀 it", "I 😢 it"));
        Assert.Equal(1, EditDistance.Characters("😀", ""));
        Assert.Equal(2, EditDistance.Characters("日本語", "日本人だ"));
    }

    [Fact]
    public void CountsWordEditsIgnoringRunsOfWhitespace()
    {
        Assert.Equal(1, EditDistance.Words("the cat sat", "the  dog sat"));
        Assert.Equal(2, EditDistance.Words("a b c", "a"));
        Assert.Equal(0, EditDistance.Words("", "   "));
    }

    [Fact]
    public void NormalisesByTheLongerText()
    {
        Assert.Equal(3.0 / 7, EditDistance.NormalizedCharacters("kitten", "sitting"), 12);
        Assert.Equal(0, EditDistance.NormalizedCharacters("", ""));
        Assert.Equal(1, EditDistance.NormalizedCharacters("abc", "xyz"));
        Assert.Equal(1.0 / 3, EditDistance.NormalizedWords("the cat sat", "the dog sat"), 12);
    }

    [Fact]
    public void WorksOnAnySequence()
    {
        Assert.Equal(2, EditDistance.Levenshtein<int>([1, 2, 3, 4], [1, 3, 4, 5]));
    }

    [Fact]
    public void HandlesLongTextsWithLinearMemory()
    {
        var a = new string('a', 5_000);
        var b = new string('a', 4_000) + new string('b', 1_500);

        Assert.Equal(1_500, EditDistance.Characters(a, b));
    }
}
