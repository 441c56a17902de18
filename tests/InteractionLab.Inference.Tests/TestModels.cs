using InteractionLab.Inference.Demo;
using InteractionLab.Inference.Store;

namespace InteractionLab.Inference.Tests;

/// <summary>
/// The demo models (plus the no-cache and merged exports of the same weights) and the packaged MiniLM, written once per
/// test run.
/// </summary>
public static class TestModels
{
    public const string NoCacheId = "demo-chat-nocache";
    public const string MergedId = "demo-chat-merged";

    private static readonly Lazy<string> Generated = new(() =>
    {
        var dir = Path.Combine(Path.GetTempPath(), "ilab-inference-tests-" + Guid.NewGuid().ToString("N")[..8]);
        DemoModels.EnsureAsync(dir).GetAwaiter().GetResult();
        PackagedModels.EnsureMiniLmAsync(dir).GetAwaiter().GetResult();
        DemoModels.WriteDecoder(Path.Combine(dir, NoCacheId), TransformerVariant.DecoderNoCache);
        DemoModels.WriteDecoder(Path.Combine(dir, MergedId), TransformerVariant.DecoderMerged);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { System.IO.Directory.Delete(dir, true); } catch (IOException) { } };
        return dir;
    });

    public static string Directory => Generated.Value;
}
