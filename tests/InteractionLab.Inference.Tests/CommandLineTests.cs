using InteractionLab.Inference.Demo;

namespace InteractionLab.Inference.Tests;

public sealed class CommandLineTests : IDisposable
{
    private readonly string _models = Path.Combine(Path.GetTempPath(), "ilab-cli-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task GenerateDemoWritesBothModelsInTheHuggingFaceLayoutIdenticallyEachTime()
    {
        Assert.Equal(0, await Program.Main(["generate-demo", "--models", _models]));

        foreach (var file in new[] { "config.json", "generation_config.json", "tokenizer.json", "tokenizer_config.json", "onnx/model.onnx" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(TestModels.Directory, DemoModels.ChatModelId, file)),
                File.ReadAllBytes(Path.Combine(_models, DemoModels.ChatModelId, file)));
        }

        Assert.True(File.Exists(Path.Combine(_models, DemoModels.EmbeddingModelId, "onnx", "model.onnx")));
    }

    [Fact]
    public async Task PullDownloadsFromTheGivenEndpoint()
    {
        await using var hub = new FakeHub("someone/demo", Path.Combine(TestModels.Directory, DemoModels.EmbeddingModelId));
        await hub.StartAsync();

        var exit = await Program.Main(["pull", "someone/demo", "--endpoint", hub.Endpoint.ToString(), "--models", _models]);

        Assert.Equal(0, exit);
        Assert.True(File.Exists(Path.Combine(_models, "someone", "demo", "onnx", "model.onnx")));
    }

    [Fact]
    public async Task AnUnknownCommandPrintsUsageAndFails()
    {
        Assert.Equal(2, await Program.Main(["frobnicate"]));
    }

    public void Dispose()
    {
        if (Directory.Exists(_models)) { Directory.Delete(_models, recursive: true); }
    }
}
