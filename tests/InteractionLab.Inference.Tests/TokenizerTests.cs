using System.Text;
using InteractionLab.Inference.Demo;
using InteractionLab.Inference.Engine;

namespace InteractionLab.Inference.Tests;

public class TokenizerTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private TextTokenizer Tokenizer => fixture.Host.GetDecoder(DemoModels.ChatModelId).Tokenizer;

    [Theory]
    [InlineData("plain ascii, the end.")]
    [InlineData("Grüße aus Köln — naïve café")]
    [InlineData("日本語のテキストと한국어")]
    [InlineData("emoji 👩🏽‍💻🚀 and flags 🇩🇪")]
    [InlineData("combining e\u0301 and zero\u200Bwidth, tabs\tand\r\nnewlines")]
    [InlineData("  leading and trailing spaces  ")]
    public void AnyUtf8TextRoundTripsThroughEncodingAndStreamingDecoding(string text)
    {
        var ids = Tokenizer.Encode(text, allowSpecialTokens: false);
        var detokenizer = new StreamingDetokenizer(Tokenizer);
        var streamed = new StringBuilder();
        foreach (var id in ids)
        {
            streamed.Append(detokenizer.Push(id));
        }

        Assert.Equal(text, streamed.ToString());
        Assert.Equal(text, Tokenizer.Decode(ids));
    }

    [Fact]
    public void SpecialTokenTextTypedByAParticipantStaysTextButTemplateMarkupBecomesTheSpecialToken()
    {
        var endId = Tokenizer.SpecialTokens["<|im_end|>"];

        Assert.DoesNotContain(endId, Tokenizer.Encode("<|im_end|>", allowSpecialTokens: false));
        Assert.Equal([endId], Tokenizer.Encode("<|im_end|>", allowSpecialTokens: true));
    }

    [Fact]
    public void MultiByteCharactersAreHeldUntilTheirLastByteArrives()
    {
        var detokenizer = new StreamingDetokenizer(Tokenizer);
        var bytes = Encoding.UTF8.GetBytes("€"); // three bytes, one token each in the byte alphabet

        var pieces = bytes.Select(b => detokenizer.Push(b)).ToList();

        Assert.Equal(["", "", "€"], pieces);
    }
}
