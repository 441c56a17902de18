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
    public async Task DemoModelsFromAnOlderGeneratorAreReplacedAndCurrentOnesAreKept()
    {
        var chat = Path.Combine(_models, DemoModels.ChatModelId);
        Directory.CreateDirectory(chat);
        File.WriteAllText(Path.Combine(chat, "config.json"), "{\"architectures\":[\"InteractionLabDemoForCausalLM\"]}");

        await DemoModels.EnsureAsync(_models);
        var written = File.GetLastWriteTimeUtc(Path.Combine(chat, "onnx", "model.onnx"));
        await DemoModels.EnsureAsync(_models);

        Assert.Equal(File.ReadAllBytes(Path.Combine(TestModels.Directory, DemoModels.ChatModelId, "config.json")), File.ReadAllBytes(Path.Combine(chat, "config.json")));
        Assert.Equal(written, File.GetLastWriteTimeUtc(Path.Combine(chat, "onnx", "model.onnx")));
        Assert.Equal([DemoModels.ChatModelId, DemoModels.EmbeddingModelId], Directory.GetDirectories(_models).Select(Path.GetFileName).Order(StringComparer.Ordinal));
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
    public async Task PullWithIncludeFetchesOnlyTheMatchingFiles()
    {
        await using var hub = new FakeHub("someone/demo", Path.Combine(TestModels.Directory, DemoModels.ChatModelId));
        await hub.StartAsync();

        var exit = await Program.Main(["pull", "someone/demo", "--endpoint", hub.Endpoint.ToString(), "--models", _models,
            "--include", "*.json", "--include", "onnx/model.onnx"]);

        var files = Directory.EnumerateFiles(Path.Combine(_models, "someone", "demo"), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Path.Combine(_models, "someone", "demo"), f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(0, exit);
        Assert.Equal(new[] { "config.json", "generation_config.json", Path.Combine("onnx", "model.onnx"), "tokenizer.json", "tokenizer_config.json" }
            .Order(StringComparer.Ordinal), files);
    }

    [Theory]
    [InlineData("*.json", "config.json", true)]
    [InlineData("*.json", "onnx/config.json", false)]
    [InlineData("**/*.json", "onnx/config.json", true)]
    [InlineData("onnx/model.onnx*", "onnx/model.onnx_data", true)]
    [InlineData("onnx/model.onnx*", "onnx/model_fp16.onnx", false)]
    public void IncludeGlobsMatchWithinAndAcrossSegments(string pattern, string path, bool expected)
    {
        Assert.Equal(expected, InteractionLab.Inference.Store.Glob.IsMatch(pattern, path));
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
