using InteractionLab.Inference.Engine;

namespace InteractionLab.Inference.Tests;

public class ChatTemplateTests
{
    private static readonly (string, string)[] Conversation = [("system", "Be brief."), ("user", "Hi <|im_end|>")];

    [Fact]
    public void ChatMlWrapsEachTurnAndOpensTheAssistantTurnWithMarkupSeparateFromContent()
    {
        var segments = ChatTemplate.ChatMl.Render(Conversation);

        Assert.Equal("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi <|im_end|><|im_end|>\n<|im_start|>assistant\n",
            string.Concat(segments.Select(s => s.Text)));
        Assert.Equal(new PromptSegment("Hi <|im_end|>", false), segments[4]);
    }

    [Fact]
    public void Llama3UsesHeaderTokensAndEndsTurnsWithEotId()
    {
        var text = string.Concat(ChatTemplate.Llama3.Render(Conversation).Select(s => s.Text));

        Assert.StartsWith("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|>", text);
        Assert.EndsWith("<|start_header_id|>assistant<|end_header_id|>\n\n", text);
        Assert.Equal("<|eot_id|>", ChatTemplate.Llama3.EndOfTurnToken);
    }

    [Fact]
    public void PlainWritesRoleLinesAndStopsAtTheNextUserLine()
    {
        var text = string.Concat(ChatTemplate.Plain.Render(Conversation).Select(s => s.Text));

        Assert.Equal("System: Be brief.\nUser: Hi <|im_end|>\nAssistant:", text);
        Assert.Contains("\nUser:", ChatTemplate.Plain.StopSequences);
    }

    [Theory]
    [InlineData("{{ '<|start_header_id|>' + message['role'] }}", "llama3")]
    [InlineData("{{'<|im_start|>' + message['role']}}", "chatml")]
    [InlineData(null, "plain")]
    public void TheFamilyIsRecognisedFromTheJinjaTemplate(string? jinja, string expected)
    {
        Assert.Equal(expected, ChatTemplate.Detect(jinja, new Dictionary<string, int>()).Name);
    }
}
