using InteractionLab.Inference.Demo;
using Microsoft.Extensions.AI;

namespace InteractionLab.Inference.Tests;

public class EngineDecodingTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private readonly IChatClient _chat = fixture.Host.GetChatClient(DemoModels.ChatModelId);

    private static ChatOptions Greedy(int tokens = 40) => new() { Temperature = 0, MaxOutputTokens = tokens };

    [Fact]
    public async Task GreedyDecodingGivesTheSameTextEveryTime()
    {
        var first = await _chat.GetResponseAsync("Tell me about the weather.", Greedy());
        var second = await _chat.GetResponseAsync("Tell me about the weather.", Greedy());

        Assert.NotEmpty(first.Text);
        Assert.Equal(first.Text, second.Text);
        Assert.Equal(ChatFinishReason.Length, first.FinishReason);
        Assert.Equal(40, first.Usage!.OutputTokenCount);
    }

    [Fact]
    public async Task SamplingWithTheSameSeedReproducesTheTextAndAnotherSeedDoesNot()
    {
        ChatOptions Sampled(long seed) => new() { Temperature = 1f, TopP = 0.95f, TopK = 50, MaxOutputTokens = 40, Seed = seed };

        var a = await _chat.GetResponseAsync("Write a story.", Sampled(42));
        var b = await _chat.GetResponseAsync("Write a story.", Sampled(42));
        var c = await _chat.GetResponseAsync("Write a story.", Sampled(43));

        Assert.Equal(a.Text, b.Text);
        Assert.NotEqual(a.Text, c.Text);
        Assert.Equal(42L, a.AdditionalProperties!["seed"]);
    }

    [Fact]
    public async Task AnUnseededRequestReportsTheSeedItUsedAndThatSeedReproducesIt()
    {
        var options = new ChatOptions { Temperature = 1f, MaxOutputTokens = 30 };
        var first = await _chat.GetResponseAsync("Hello", options);
        var seed = (long)first.AdditionalProperties!["seed"]!;

        var again = await _chat.GetResponseAsync("Hello", new ChatOptions { Temperature = 1f, MaxOutputTokens = 30, Seed = seed });

        Assert.Equal(first.Text, again.Text);
    }
}
