using InteractionLab.Domain.Storage;

namespace InteractionLab.Domain.Tests.Storage;

public sealed class StorableTextTests
{
    [Fact]
    public void TextWithoutNulOrUnpairedSurrogatesIsReturnedAsItIs()
    {
        const string text = "Grief 😀 is a long road — \\u0000 typed by hand";
        Assert.True(StorableText.IsStorable(text));
        Assert.Same(text, StorableText.Clean(text));
    }

    [Fact]
    public void NulAndHalfAnEmojiBecomeReplacementCharacters()
    {
        // "a" NUL "b" then the high half of 😀 (U+D83D) alone, then a whole 😃 (U+D83D U+DE03), then a low half alone.
        var text = "a\0b\uD83D!\uD83D\uDE03\uDE00";
        Assert.False(StorableText.IsStorable(text));
        Assert.Equal("a\uFFFDb\uFFFD!\uD83D\uDE03\uFFFD", StorableText.Clean(text));
    }

    [Fact]
    public void JsonThatEveryDatabaseAcceptsIsReturnedAsItIs()
    {
        const string json = """{"text":"a \\u0000 b \ud83d\ude00 c","ops":[{"retain":12},{"insert":"\"q\""}],"n":-1.5e3,"ok":true}""";
        var result = StorableText.Json(json);
        Assert.Same(json, result.Json);
        Assert.Null(result.Issue);
    }

    [Fact]
    public void EscapedNulIsReplacedButATypedBackslashUIsNot()
    {
        // \u0000 is a NUL character (PostgreSQL's jsonb refuses it); \\u0000 is a backslash followed by "u0000".
        var result = StorableText.Json("""{"a":"x\u0000y","b":"\\u0000"}""");
        Assert.Equal("""{"a":"x\ufffdy","b":"\\u0000"}""", result.Json);
        Assert.Equal(StorableText.NulIssue, result.Issue);
    }

    [Fact]
    public void ASurrogateEscapeWithoutItsPartnerIsReplacedAndAPairIsKept()
    {
        // The editor split 😀 (\ud83d\ude00) into its halves: the delta inserts only the low half.
        var result = StorableText.Json("""{"insert":"\ude00","pair":"\ud83d\ude00","high":"\uD83Dx"}""");
        Assert.Equal("""{"insert":"\ufffd","pair":"\ud83d\ude00","high":"\ufffdx"}""", result.Json);
        Assert.Equal(StorableText.SurrogateIssue, result.Issue);
    }

    [Fact]
    public void RawUnpairedSurrogateAndNulInsideJsonTextAreReplaced()
    {
        var result = StorableText.Json("{\"t\":\"a\uD83Db\0\"}");
        Assert.Equal("{\"t\":\"a\\ufffdb\\ufffd\"}", result.Json);
        Assert.Equal(StorableText.NulIssue + "; " + StorableText.SurrogateIssue, result.Issue);
    }

    [Fact]
    public void NumbersBeyondNumericRangeAreKeptAsStrings()
    {
        // 1e200000 has 200,001 digits before the point (> 100,000); 1e-20000 has 20,000 after it (> 16,000);
        // 123.45e99997: 3 + 99,997 = 100,000 before the point, within the bound.
        var result = StorableText.Json("""{"big":1e200000,"small":[1E-20000],"edge":123.45e99997}""");
        Assert.Equal("""{"big":"1e200000","small":["1E-20000"],"edge":123.45e99997}""", result.Json);
        Assert.Equal(StorableText.NumberIssue, result.Issue);
    }

    [Fact]
    public void NamesAreCheckedLikeValues()
    {
        var result = StorableText.Json("""{"\u0000":1}""");
        Assert.Equal("""{"\ufffd":1}""", result.Json);
    }
}
