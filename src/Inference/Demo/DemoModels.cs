using System.Text.Json;
using System.Text.Json.Nodes;

namespace InteractionLab.Inference.Demo;

/// <summary>
/// Generates the tiny demo models ("demo-chat", a decoder with KV cache, and "demo-embed", an encoder) in the
/// Hugging Face ONNX export layout. Weights are random but fixed by a seed, so every machine gets identical files.
/// They produce gibberish by design: they exist so that the platform and the tests run with no downloads.
/// </summary>
public static class DemoModels
{
    /// <summary>Model id (directory name) of the demo decoder.</summary>
    public const string ChatModelId = "demo-chat";

    /// <summary>Model id (directory name) of the demo encoder.</summary>
    public const string EmbeddingModelId = "demo-embed";

    /// <summary>Label reported in /v1/models so nobody mistakes the demo for a real model.</summary>
    public const string Description = "Demo model (random weights)";

    internal const ulong ChatSeed = 0x1A7E_2026_0001;
    internal const ulong EmbedSeed = 0x1A7E_2026_0002;

    internal static TransformerSpec ChatSpec => new(DemoTokenizerFiles.VocabSize, LogitBias: DemoTokenizerFiles.TextLikeBias());

    internal static TransformerSpec EmbedSpec => new(DemoTokenizerFiles.VocabSize, Layers: 1, MaxPositions: 512);

    /// <summary>Writes both demo models under <paramref name="modelsDirectory"/> unless they are already there.</summary>
    public static Task EnsureAsync(string modelsDirectory, CancellationToken ct = default) => Task.Run(() =>
    {
        Directory.CreateDirectory(modelsDirectory);
        WriteIfMissing(Path.Combine(modelsDirectory, ChatModelId), dir => WriteDecoder(dir, TransformerVariant.DecoderWithCache), ct);
        WriteIfMissing(Path.Combine(modelsDirectory, EmbeddingModelId), WriteEncoder, ct);
    }, ct);

    /// <summary>Writes the demo decoder weights in a given export variant (tests compare variants).</summary>
    internal static void WriteDecoder(string directory, TransformerVariant variant)
    {
        var spec = ChatSpec;
        var fileName = variant == TransformerVariant.DecoderMerged ? "decoder_model_merged.onnx" : "model.onnx";
        Directory.CreateDirectory(Path.Combine(directory, "onnx"));
        File.WriteAllBytes(Path.Combine(directory, "onnx", fileName), TransformerOnnxBuilder.Build(spec, ChatSeed, variant));
        var endId = DemoTokenizerFiles.IdOf(DemoTokenizerFiles.ImEnd);
        var config = Config(spec, "InteractionLabDemoForCausalLM", ChatSeed);
        config["eos_token_id"] = endId;
        config["use_cache"] = variant != TransformerVariant.DecoderNoCache;
        Write(directory, "config.json", config);
        Write(directory, "generation_config.json", new JsonObject
        {
            ["eos_token_id"] = new JsonArray(endId, DemoTokenizerFiles.IdOf(DemoTokenizerFiles.EndOfText)),
            ["do_sample"] = false,
        });
        WriteTokenizer(directory);
    }

    private static void WriteEncoder(string directory)
    {
        var spec = EmbedSpec;
        Directory.CreateDirectory(Path.Combine(directory, "onnx"));
        Directory.CreateDirectory(Path.Combine(directory, "1_Pooling"));
        File.WriteAllBytes(Path.Combine(directory, "onnx", "model.onnx"), TransformerOnnxBuilder.Build(spec, EmbedSeed, TransformerVariant.Encoder));
        Write(directory, "config.json", Config(spec, "InteractionLabDemoModel", EmbedSeed));
        Write(directory, "1_Pooling/config.json", new JsonObject
        {
            ["word_embedding_dimension"] = spec.Hidden, ["pooling_mode_mean_tokens"] = true, ["pooling_mode_cls_token"] = false,
        });
        WriteTokenizer(directory);
    }

    private static JsonObject Config(TransformerSpec spec, string architecture, ulong seed) => new()
    {
        ["architectures"] = new JsonArray(architecture),
        ["model_type"] = "interactionlab-demo",
        ["vocab_size"] = spec.VocabSize,
        ["hidden_size"] = spec.Hidden,
        ["num_hidden_layers"] = spec.Layers,
        ["num_attention_heads"] = spec.Heads,
        ["num_key_value_heads"] = spec.Heads,
        ["intermediate_size"] = spec.Intermediate,
        ["max_position_embeddings"] = spec.MaxPositions,
        ["interactionlab_description"] = Description,
        ["interactionlab_seed"] = seed.ToString("x", System.Globalization.CultureInfo.InvariantCulture),
    };

    private static void WriteTokenizer(string directory)
    {
        File.WriteAllText(Path.Combine(directory, "tokenizer.json"), DemoTokenizerFiles.TokenizerJson());
        File.WriteAllText(Path.Combine(directory, "tokenizer_config.json"), DemoTokenizerFiles.TokenizerConfigJson());
    }

    private static void Write(string directory, string file, JsonNode json) =>
        File.WriteAllText(Path.Combine(directory, file), json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

    /// <summary>Builds in a scratch directory and renames, so a concurrent reader never sees half a model.</summary>
    private static void WriteIfMissing(string target, Action<string> write, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (File.Exists(Path.Combine(target, "config.json")))
        {
            return;
        }

        var scratch = $"{target}.tmp-{Guid.NewGuid():N}";
        try
        {
            write(scratch);
            Directory.Move(scratch, target);
        }
        catch (IOException) when (File.Exists(Path.Combine(target, "config.json")))
        {
            // Another process won the race and wrote the same deterministic files.
        }
        finally
        {
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }
}
