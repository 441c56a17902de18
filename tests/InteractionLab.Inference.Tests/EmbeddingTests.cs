using InteractionLab.Inference.Demo;

namespace InteractionLab.Inference.Tests;

public class EmbeddingTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task EmbeddingsAreUnitLengthDeterministicAndIndependentOfBatchPadding()
    {
        var generator = fixture.Host.GetEmbeddingGenerator(DemoModels.EmbeddingModelId);

        var batch = await generator.GenerateAsync(["honesty matters", "a much longer sentence about fairness and care", "honesty matters"]);
        var alone = await generator.GenerateAsync(["honesty matters"]);

        Assert.Equal(3, batch.Count);
        Assert.All(batch, e => Assert.Equal(1f, MathF.Sqrt(e.Vector.ToArray().Sum(x => x * x)), 4));
        Assert.Equal(batch[0].Vector.ToArray(), batch[2].Vector.ToArray());
        Assert.NotEqual(batch[0].Vector.ToArray(), batch[1].Vector.ToArray());
        Assert.All(batch[0].Vector.ToArray().Zip(alone[0].Vector.ToArray()), p => Assert.Equal(p.First, p.Second, 4));
        Assert.True(batch.Usage!.InputTokenCount > 0);
    }

    [Fact]
    public void AskingForAChatClientOnAnEncoderOrAnUnknownModelFailsClearly()
    {
        var wrongKind = Assert.ThrowsAny<KeyNotFoundException>(() => fixture.Host.GetChatClient(DemoModels.EmbeddingModelId));
        var unknown = Assert.ThrowsAny<KeyNotFoundException>(() => fixture.Host.GetEmbeddingGenerator("no-such-model"));

        Assert.Contains("not a chat model", wrongKind.Message);
        Assert.Contains("does not exist", unknown.Message);
    }
}
