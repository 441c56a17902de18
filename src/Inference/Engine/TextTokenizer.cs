using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace InteractionLab.Inference.Engine;

/// <summary>
/// A model's tokenizer (Microsoft.ML.Tokenizers) plus what streaming needs: each token's raw bytes, so text is
/// emitted as soon as a UTF-8 character is complete. Two encoders exist on purpose: template markup may contain
/// special tokens, but participant text never becomes a special token (no prompt injection through "&lt;|im_end|&gt;").
/// </summary>
internal sealed class TextTokenizer
{
    private const string Gpt2Pattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    private readonly Tokenizer _withSpecials;
    private readonly Tokenizer _plain;
    private readonly byte[]?[] _tokenBytes;

    private TextTokenizer(Tokenizer withSpecials, Tokenizer plain, byte[]?[] tokenBytes, IReadOnlyDictionary<string, int> specials)
    {
        _withSpecials = withSpecials;
        _plain = plain;
        _tokenBytes = tokenBytes;
        SpecialTokens = specials;
    }

    public IReadOnlyDictionary<string, int> SpecialTokens { get; }

    /// <summary>True when every token maps to bytes, which allows incremental UTF-8 decoding.</summary>
    public bool IsByteLevel => Array.TrueForAll(_tokenBytes, b => b is not null);

    public byte[]? TokenBytes(int id) => (uint)id < (uint)_tokenBytes.Length ? _tokenBytes[id] : null;

    public IReadOnlyList<int> Encode(string text, bool allowSpecialTokens) =>
        (allowSpecialTokens ? _withSpecials : _plain).EncodeToIds(text);

    public string Decode(IEnumerable<int> ids) => _plain.Decode(ids) ?? string.Empty;

    /// <summary>Loads tokenizer.json (BPE, byte-level or not) from a Hugging Face model directory.</summary>
    public static TextTokenizer Load(string directory)
    {
        var path = Path.Combine(directory, "tokenizer.json");
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"Model directory '{directory}' has no tokenizer.json.");
        }

        var root = JsonNode.Parse(File.ReadAllText(path)) ?? throw new InvalidDataException("tokenizer.json is empty.");
        var model = root["model"] ?? throw new InvalidDataException("tokenizer.json has no 'model'.");
        var type = (string?)model["type"];
        if (type != "BPE")
        {
            throw new InvalidDataException($"tokenizer.json model type '{type}' is not supported; only BPE tokenizers are.");
        }

        var vocab = model["vocab"]!.AsObject().Select(p => new KeyValuePair<string, int>(p.Key, (int)p.Value!)).ToList();
        var merges = model["merges"]!.AsArray().Select(m => m is JsonArray pair ? $"{pair[0]} {pair[1]}" : (string)m!).ToList();
        var specials = (root["added_tokens"]?.AsArray() ?? [])
            .Where(t => (bool?)t!["special"] ?? false)
            .ToDictionary(t => (string)t!["content"]!, t => (int)t!["id"]!);
        var byteLevel = root.ToJsonString().Contains("\"ByteLevel\"", StringComparison.Ordinal);
        var pattern = FindSplitPattern(root["pre_tokenizer"]) ?? Gpt2Pattern;

        Tokenizer Create(bool withSpecials) => BpeTokenizer.Create(new BpeOptions(vocab)
        {
            Merges = merges,
            ByteLevel = byteLevel,
            SpecialTokens = withSpecials ? specials : null,
            PreTokenizer = new RegexPreTokenizer(new Regex(pattern, RegexOptions.Compiled), withSpecials ? specials : null),
            UnknownToken = (string?)model["unk_token"],
        });

        var size = vocab.Max(p => p.Value) + 1;
        var tokenBytes = new byte[]?[size];
        foreach (var (token, id) in vocab)
        {
            tokenBytes[id] = specials.ContainsKey(token) ? [] : byteLevel ? ByteLevelAlphabet.TryDecode(token) : null;
        }

        foreach (var (token, id) in specials)
        {
            if (id < size) { tokenBytes[id] = []; }
        }

        return new TextTokenizer(Create(true), Create(false), tokenBytes, specials);
    }

    /// <summary>Llama-3 style exports put their split regex in a Split pre-tokenizer inside a Sequence.</summary>
    private static string? FindSplitPattern(JsonNode? node) => node switch
    {
        JsonObject o when (string?)o["type"] == "Split" => (string?)o["pattern"]?["Regex"],
        JsonObject o when o["pretokenizers"] is JsonArray list => list.Select(FindSplitPattern).FirstOrDefault(p => p is not null),
        _ => null,
    };
}
