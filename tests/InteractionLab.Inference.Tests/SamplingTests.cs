using InteractionLab.Inference.Demo;
using InteractionLab.Inference.Engine;
using Microsoft.Extensions.AI;

namespace InteractionLab.Inference.Tests;

public class SamplingTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private readonly IChatClient _chat = fixture.Host.GetChatClient(DemoModels.ChatModelId);

    private async Task<string> Text(ChatOptions options) => (await _chat.GetResponseAsync("Sample me", options)).Text;

    [Fact]
    public async Task TopKOfOneAndAVanishingTopPBothReduceSamplingToGreedy()
    {
        var greedy = await Text(new ChatOptions { Temperature = 0, MaxOutputTokens = 40 });

        Assert.Equal(greedy, await Text(new ChatOptions { Temperature = 1.5f, TopK = 1, MaxOutputTokens = 40, Seed = 3 }));
        Assert.Equal(greedy, await Text(new ChatOptions { Temperature = 1.5f, TopP = 1e-6f, MaxOutputTokens = 40, Seed = 3 }));
    }

    [Fact]
    public async Task ARepetitionPenaltyChangesGreedyOutputTowardsUnusedTokens()
    {
        var tokenizer = fixture.Host.GetDecoder(DemoModels.ChatModelId).Tokenizer;
        var plain = await Text(new ChatOptions { Temperature = 0, MaxOutputTokens = 60 });
        var penalised = await Text(new ChatOptions
        {
            Temperature = 0, MaxOutputTokens = 60, AdditionalProperties = new() { ["repetition_penalty"] = 3.0 },
        });

        Assert.NotEqual(plain, penalised);
        Assert.True(tokenizer.Encode(penalised, false).Distinct().Count() > tokenizer.Encode(plain, false).Distinct().Count());
    }

    [Fact]
    public void TheNucleusKeepsExactlyTheSmallestSetReachingTopP()
    {
        // Probabilities 0.5, 0.3, 0.15, 0.05: top_p 0.8 keeps the first two; the third is never drawn.
        float[] logits = [MathF.Log(0.5f), MathF.Log(0.3f), MathF.Log(0.15f), MathF.Log(0.05f)];
        var counts = new int[4];
        for (var seed = 0; seed < 2000; seed++)
        {
            var sampler = new TokenSampler(new GenerationRequest { PromptIds = [0], Temperature = 1f, TopP = 0.8f, Seed = seed }, 4, 0);
            counts[sampler.Choose(logits)]++;
        }

        Assert.Equal(0, counts[2] + counts[3]);
        Assert.InRange(counts[0] / 2000.0, 0.57, 0.68); // 0.5 / 0.8 = 0.625
    }
}
