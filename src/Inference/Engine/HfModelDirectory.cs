using System.Text.Json.Nodes;

namespace InteractionLab.Inference.Engine;

/// <summary>
/// Reads a model directory in the Hugging Face / Optimum ONNX layout: config.json, generation_config.json,
/// tokenizer.json, tokenizer_config.json and the ONNX graph under onnx/ (or at the top level).
/// </summary>
internal sealed class HfModelDirectory
{
    private static readonly string[] GraphCandidates =
    [
        "onnx/model.onnx", "onnx/decoder_model_merged.onnx", "model.onnx", "decoder_model_merged.onnx",
    ];

    private HfModelDirectory(string path)
    {
        Path = path;
        Config = ReadJson("config.json") ?? new JsonObject();
        GenerationConfig = ReadJson("generation_config.json");
        TokenizerConfig = ReadJson("tokenizer_config.json");
    }

    public string Path { get; }

    public JsonObject Config { get; }

    public JsonObject? GenerationConfig { get; }

    public JsonObject? TokenizerConfig { get; }

    public string? Description => (string?)Config["interactionlab_description"];

    public static bool LooksLikeModel(string directory) =>
        File.Exists(System.IO.Path.Combine(directory, "config.json")) && FindGraph(directory) is not null;

    public static HfModelDirectory Open(string directory) =>
        LooksLikeModel(directory) ? new HfModelDirectory(directory)
            : throw new InvalidDataException($"'{directory}' has no config.json and ONNX graph ({string.Join(", ", GraphCandidates)}).");

    public static string? FindGraph(string directory) =>
        GraphCandidates.Select(c => System.IO.Path.Combine(directory, c)).FirstOrDefault(File.Exists);

    public string GraphPath => FindGraph(Path)!;

    public int? Int(string key) => Config[key] is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;

    /// <summary>
    /// Longest input an encoder reads: sentence-transformers' max_seq_length (sentence_bert_config.json), else the
    /// tokenizer's model_max_length, never more than the position table (max_position_embeddings, default 512).
    /// </summary>
    public int EncoderMaxTokens
    {
        get
        {
            var positions = Int("max_position_embeddings") ?? 512;
            var configured = ReadJson("sentence_bert_config.json")?["max_seq_length"] ?? TokenizerConfig?["model_max_length"];
            return configured is JsonValue v && v.TryGetValue<int>(out var n) && n > 0 ? Math.Min(n, positions) : positions;
        }
    }

    /// <summary>End-of-sequence ids from generation_config.json, config.json and the tokenizer's eos_token.</summary>
    public HashSet<int> EosTokenIds(TextTokenizer tokenizer)
    {
        var ids = new HashSet<int>();
        foreach (var node in new[] { GenerationConfig?["eos_token_id"], Config["eos_token_id"] })
        {
            switch (node)
            {
                case JsonArray list: ids.UnionWith(list.Select(n => (int)n!)); break;
                case JsonValue one when one.TryGetValue<int>(out var id): ids.Add(id); break;
            }
        }

        var eosName = TokenizerConfig?["eos_token"] switch
        {
            JsonValue s when s.TryGetValue<string>(out var text) => text,
            JsonObject o => (string?)o["content"],
            _ => null,
        };
        if (eosName is not null && tokenizer.SpecialTokens.TryGetValue(eosName, out var eos))
        {
            ids.Add(eos);
        }

        return ids;
    }

    private JsonObject? ReadJson(string file)
    {
        var full = System.IO.Path.Combine(Path, file);
        return File.Exists(full) ? JsonNode.Parse(File.ReadAllText(full)) as JsonObject : null;
    }
}
