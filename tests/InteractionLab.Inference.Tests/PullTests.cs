using InteractionLab.Inference.Demo;
using InteractionLab.Inference.Store;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Inference.Tests;

public sealed class PullTests : IAsyncLifetime
{
    private const string Repo = "test-org/tiny-chat";
    private readonly string _models = Path.Combine(Path.GetTempPath(), "ilab-pull-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly string _source = Path.Combine(TestModels.Directory, DemoModels.ChatModelId);
    private readonly FakeHub _hub;
    private readonly SocketsHttpHandler _handler = new() { AllowAutoRedirect = false };
    private readonly List<PullProgress> _progress = [];

    public PullTests() => _hub = new FakeHub(Repo, _source);

    public Task InitializeAsync() => _hub.StartAsync();

    private Task<string> Pull() => new HubModelPuller(_handler, _hub.Endpoint.ToString(), token: null)
        .PullAsync(Repo, "main", _models, new SyncProgress(_progress), CancellationToken.None);

    [Fact]
    public async Task PullsEveryFileIntoOwnerSlashNameAndTheModelServes()
    {
        var target = await Pull();

        Assert.Equal(Path.Combine(_models, "test-org", "tiny-chat"), target);
        foreach (var file in Directory.EnumerateFiles(_source, "*", SearchOption.AllDirectories))
        {
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(target, Path.GetRelativePath(_source, file))));
        }

        Assert.Empty(Directory.EnumerateFiles(target, "*.incomplete", SearchOption.AllDirectories));
        Assert.Contains(_progress, p => p.File == "onnx/model.onnx" && p.Received == p.Total);
        using var services = new ServiceCollection().AddLocalInference(o => { o.ModelsDirectory = _models; o.ExecutionProvider = "cpu"; }).BuildServiceProvider();
        var host = services.GetRequiredService<LocalModelHost>();
        var reply = await host.GetChatClient(Repo).GetResponseAsync("hi", new ChatOptions { MaxOutputTokens = 3 });
        Assert.Equal(3, reply.Usage!.OutputTokenCount);
    }

    [Fact]
    public async Task ResumesAPartialDownloadWithARangeRequest()
    {
        var model = File.ReadAllBytes(Path.Combine(_source, "onnx", "model.onnx"));
        var partial = Path.Combine(_models, "test-org", "tiny-chat", "onnx", "model.onnx.incomplete");
        Directory.CreateDirectory(Path.GetDirectoryName(partial)!);
        File.WriteAllBytes(partial, model[..(model.Length / 2)]);

        var target = await Pull();

        Assert.Equal(model, File.ReadAllBytes(Path.Combine(target, "onnx", "model.onnx")));
        var download = Assert.Single(_hub.Downloads);
        Assert.Equal($"bytes={model.Length / 2}-", download.Range);
        Assert.Contains(_progress, p => p.File == "onnx/model.onnx" && p.Resumed);
    }

    [Fact]
    public async Task ACorruptedDownloadIsRejectedAndDiscarded()
    {
        _hub.CorruptLfs = true;

        var error = await Assert.ThrowsAsync<InvalidDataException>(Pull);

        Assert.Contains("Checksum mismatch for 'onnx/model.onnx'", error.Message);
        var onnx = Path.Combine(_models, "test-org", "tiny-chat", "onnx");
        Assert.False(File.Exists(Path.Combine(onnx, "model.onnx")));
        Assert.False(File.Exists(Path.Combine(onnx, "model.onnx.incomplete")));
    }

    [Fact]
    public async Task ASecondPullVerifiesExistingFilesAndDownloadsNothing()
    {
        await Pull();
        _hub.Downloads.Clear();

        await Pull();

        Assert.Empty(_hub.Downloads);
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        _handler.Dispose();
        if (Directory.Exists(_models)) { Directory.Delete(_models, recursive: true); }
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; the assertions need every report, in order.</summary>
    private sealed class SyncProgress(List<PullProgress> sink) : IProgress<PullProgress>
    {
        public void Report(PullProgress value) { lock (sink) { sink.Add(value); } }
    }
}
