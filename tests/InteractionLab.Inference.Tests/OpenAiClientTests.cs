using System.ClientModel;
using System.Text;
using InteractionLab.Inference.Demo;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using AiChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace InteractionLab.Inference.Tests;

/// <summary>Unchanged official clients talking to the service over real HTTP.</summary>
public class OpenAiClientTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private ChatClient OfficialClient() => new(DemoModels.ChatModelId, new ApiKeyCredential("unused"),
        new OpenAIClientOptions { Endpoint = new Uri(server.BaseAddress, "/v1") });

    private async Task<string> InProcessGreedy(string prompt, int tokens) =>
        (await server.Host.GetChatClient(DemoModels.ChatModelId).GetResponseAsync(prompt, new ChatOptions { Temperature = 0, MaxOutputTokens = tokens })).Text;

    [Fact]
    public async Task TheOfficialOpenAiClientStreamsTheSameTextAsTheInProcessEngine()
    {
        var text = new StringBuilder();
        OpenAI.Chat.ChatFinishReason? finish = null;
        var updates = 0;
        await foreach (var update in OfficialClient().CompleteChatStreamingAsync(
            [new UserChatMessage("Hello there")], new ChatCompletionOptions { Temperature = 0, MaxOutputTokenCount = 30 }))
        {
            updates++;
            foreach (var part in update.ContentUpdate) { text.Append(part.Text); }
            finish = update.FinishReason ?? finish;
        }

        Assert.Equal(await InProcessGreedy("Hello there", 30), text.ToString());
        Assert.Equal(OpenAI.Chat.ChatFinishReason.Length, finish);
        Assert.True(updates > 10);
    }

    [Fact]
    public async Task TheOfficialClientGetsNonStreamedChoicesAndUsage()
    {
        var completion = (await OfficialClient().CompleteChatAsync(
            [new UserChatMessage("Hello there")], new ChatCompletionOptions { Temperature = 0, MaxOutputTokenCount = 30 })).Value;

        Assert.Equal(await InProcessGreedy("Hello there", 30), completion.Content[0].Text);
        Assert.Equal(30, completion.Usage.OutputTokenCount);
        Assert.Equal(OpenAI.Chat.ChatFinishReason.Length, completion.FinishReason);
    }

    [Fact]
    public async Task MicrosoftExtensionsAiOpenAiStreamsFromTheService()
    {
        IChatClient client = OfficialClient().AsIChatClient();
        var text = new StringBuilder();
        Microsoft.Extensions.AI.ChatFinishReason? finish = null;
        await foreach (var update in client.GetStreamingResponseAsync([new AiChatMessage(ChatRole.User, "Hello there")],
            new ChatOptions { Temperature = 0, MaxOutputTokens = 30 }))
        {
            text.Append(update.Text);
            finish = update.FinishReason ?? finish;
        }

        Assert.Equal(await InProcessGreedy("Hello there", 30), text.ToString());
        Assert.Equal(Microsoft.Extensions.AI.ChatFinishReason.Length, finish);
    }

    [Fact]
    public async Task ThirtyTwoSimultaneousStreamsAllCompleteCorrectly()
    {
        var expected = await InProcessGreedy("Concurrent hello", 40);
        var client = OfficialClient();

        var texts = await Task.WhenAll(Enumerable.Range(0, 32).Select(async _ =>
        {
            var text = new StringBuilder();
            await foreach (var update in client.CompleteChatStreamingAsync(
                [new UserChatMessage("Concurrent hello")], new ChatCompletionOptions { Temperature = 0, MaxOutputTokenCount = 40 }))
            {
                foreach (var part in update.ContentUpdate) { text.Append(part.Text); }
            }

            return text.ToString();
        }));

        Assert.All(texts, t => Assert.Equal(expected, t));
    }
}
