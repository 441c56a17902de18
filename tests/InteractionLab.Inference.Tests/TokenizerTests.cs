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

    // Reference ids from the Hugging Face `tokenizers` library (0.23) loading the demo tokenizer.json, computed on
    // the GPU box, which has the Python stack: our Microsoft.ML.Tokenizers setup must split text exactly as HF does.
    [Theory]
    [InlineData("Hello, world!", new[] { 72, 101, 284, 111, 44, 268, 281, 108, 100, 33 })]
    [InlineData("User: hi\nChatbot:", new[] { 85, 115, 259, 58, 273, 105, 10, 67, 104, 280, 98, 111, 116, 58 })]
    [InlineData("Héllo wörld — ünïcode ✓ 😀", new[] { 72, 195, 169, 284, 111, 268, 195, 182, 114, 108, 100, 32, 226, 128, 148, 32, 195, 188, 110, 195, 175, 99, 111, 100, 101, 32, 226, 156, 147, 32, 240, 159, 152, 128 })]
    public void EncodesTextToTheSameIdsAsTheHuggingFaceTokenizersLibrary(string text, int[] expected)
    {
        Assert.Equal(expected, Tokenizer.Encode(text, allowSpecialTokens: false));
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
