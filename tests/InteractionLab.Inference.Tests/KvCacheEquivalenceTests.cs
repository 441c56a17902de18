using System.Runtime.CompilerServices;
using InteractionLab.Inference.Demo;
using InteractionLab.Inference.Engine;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;

namespace InteractionLab.Inference.Tests;

/// <summary>The three export variants of the same weights must compute the same function.</summary>
public class KvCacheEquivalenceTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const int Steps = 12;

    [Theory]
    [InlineData(DemoModels.ChatModelId)]
    [InlineData(TestModels.MergedId)]
    public void CachedDecodingGivesTheSameLogitsAndGreedyTokensAsRecomputingTheSequence(string cachedModel)
    {
        var prompt = fixture.Host.GetDecoder(DemoModels.ChatModelId).Tokenizer.Encode("The cache must not change the answer.", false).ToArray();

        var (plainTokens, plainRows) = GreedyWithoutCache(Path.Combine(TestModels.Directory, TestModels.NoCacheId), prompt);
        var (cachedTokens, cachedRows) = GreedyWithCache(fixture.Host.GetDecoder(cachedModel), prompt);

        Assert.Equal(plainTokens, cachedTokens);
        for (var step = 0; step < Steps; step++)
        {
            var maxDiff = plainRows[step].Zip(cachedRows[step], (a, b) => MathF.Abs(a - b)).Max();
            Assert.True(maxDiff < 1e-4f, $"step {step}: logits differ by {maxDiff}");
        }
    }

    [Fact]
    public async Task TheEngineGivesTheSameGreedyTextWithAndWithoutTheCache()
    {
        async Task<string> Greedy(string model) => (await fixture.Host.GetChatClient(model)
            .GetResponseAsync("Same text, please.", new ChatOptions { Temperature = 0, MaxOutputTokens = 30 })).Text;

        var cached = await Greedy(DemoModels.ChatModelId);

        Assert.Equal(cached, await Greedy(TestModels.NoCacheId));
        Assert.Equal(cached, await Greedy(TestModels.MergedId));
    }

    private static (List<int>, List<float[]>) GreedyWithoutCache(string directory, int[] prompt)
    {
        using var session = new InferenceSession(Path.Combine(directory, "onnx", "model.onnx"));
        var tokens = prompt.ToList();
        var rows = new List<float[]>();
        for (var step = 0; step < Steps; step++)
        {
            var n = tokens.Count;
            using var ids = OrtValue.CreateTensorValueFromMemory(tokens.Select(t => (long)t).ToArray(), [1, n]);
            using var mask = OrtValue.CreateTensorValueFromMemory(Enumerable.Repeat(1L, n).ToArray(), [1, n]);
            using var positions = OrtValue.CreateTensorValueFromMemory(Enumerable.Range(0, n).Select(p => (long)p).ToArray(), [1, n]);
            using var runOptions = new RunOptions();
            using var outputs = session.Run(runOptions, ["input_ids", "attention_mask", "position_ids"], [ids, mask, positions], ["logits"]);
            var logits = outputs.First().GetTensorDataAsSpan<float>();
            var vocab = logits.Length / n;
            var row = logits.Slice((n - 1) * vocab, vocab).ToArray();
            rows.Add(row);
            tokens.Add(TokenSampler.ArgMax(row));
        }

        return (tokens[prompt.Length..], rows);
    }

    /// <summary>Drives the engine's own decoding loop and records each step's last-position logits.</summary>
    private static (List<int>, List<float[]>) GreedyWithCache(DecoderModel model, int[] prompt)
    {
        var request = new GenerationRequest { PromptIds = prompt, MaxTokens = Steps, Temperature = 0, TopLogprobs = -1 };
        using var run = new DecoderRun(model, request);
        var rows = new List<float[]>();
        run.LogitsObserver = row => rows.Add(row.ToArray());
        var tokens = new List<int>();
        var events = new List<GeneratedToken>();
        while (!run.Done)
        {
            run.Step(events);
        }

        tokens.AddRange(events.Select(e => e.TokenId));
        return (tokens, rows);
    }
}
