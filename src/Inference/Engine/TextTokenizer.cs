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
        (allowSpecialTokens ? _withSpecials : _plain) switch
        {
            BertTokenizer bert => bert.EncodeToIds(text, addSpecialTokens: true, considerPreTokenization: true, considerNormalization: true),
            var tokenizer => tokenizer.EncodeToIds(text),
        };

    /// <summary>
    /// Text for an encoder, at most <paramref name="maxTokens"/> ids, special tokens in the text never parsed. A BERT
    /// tokenizer keeps [CLS] and [SEP] and drops word pieces from the end, as transformers' truncation does.
    /// </summary>
    public IReadOnlyList<int> EncodeTruncated(string text, int maxTokens)
    {
        if (_plain is BertTokenizer bert)
        {
            var pieces = bert.EncodeToIds(text, addSpecialTokens: false, considerPreTokenization: true, considerNormalization: true);
            return bert.BuildInputsWithSpecialTokens(pieces.Take(Math.Max(0, maxTokens - 2)));
        }

        var ids = _plain.EncodeToIds(text);
        return ids.Count <= maxTokens ? ids : ids.Take(maxTokens).ToList();
    }

    public string Decode(IEnumerable<int> ids) => _plain.Decode(ids) ?? string.Empty;

    /// <summary>
    /// Loads tokenizer.json (BPE, byte-level or not; WordPiece) from a Hugging Face model directory, or BERT's
    /// vocab.txt + tokenizer_config.json where a model ships no tokenizer.json.
    /// </summary>
    public static TextTokenizer Load(string directory)
    {
        var path = Path.Combine(directory, "tokenizer.json");
        if (!File.Exists(path))
        {
            return File.Exists(Path.Combine(directory, "vocab.txt")) ? LoadBertVocabulary(directory)
                : throw new InvalidDataException($"Model directory '{directory}' has no tokenizer.json (or BERT vocab.txt).");
        }

        var root = JsonNode.Parse(File.ReadAllText(path)) ?? throw new InvalidDataException("tokenizer.json is empty.");
        var model = root["model"] ?? throw new InvalidDataException("tokenizer.json has no 'model'.");
        var type = (string?)model["type"];
        if (type == "WordPiece")
        {
            return LoadWordPiece(root, model);
        }

        if (type != "BPE")
        {
            throw new InvalidDataException($"tokenizer.json model type '{type}' is not supported; BPE and WordPiece tokenizers are.");
        }

        if ((bool?)model["byte_fallback"] == true || root.ToJsonString().Contains("\"Metaspace\"", StringComparison.Ordinal))
        {
            // SentencePiece-style BPE (Llama-2, Mistral): it needs the Metaspace rules, which this loader does not
            // implement; tokenizing with byte-level rules instead would silently give the model wrong ids.
            throw new InvalidDataException("SentencePiece-style BPE tokenizers (Metaspace / byte_fallback) are not supported; use a byte-level BPE model.");
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

    /// <summary>BERT-style encoders (most sentence-transformers): [CLS] text [SEP], normalised as the BertNormalizer says.</summary>
    private static TextTokenizer LoadWordPiece(JsonNode root, JsonNode model)
    {
        var vocab = model["vocab"]!.AsObject().OrderBy(p => (int)p.Value!).Select(p => p.Key).ToList();
        var normalizer = root["normalizer"];
        var lowerCase = (bool?)normalizer?["lowercase"] ?? true;
        return Bert(vocab, lowerCase, (bool?)normalizer?["strip_accents"] ?? lowerCase, (bool?)normalizer?["handle_chinese_chars"] ?? true);
    }

    /// <summary>
    /// The original BERT files: vocab.txt (one token per line, the line number is the id) and tokenizer_config.json
    /// (transformers' BertTokenizer: do_lower_case, default true; strip_accents, default null = as do_lower_case;
    /// tokenize_chinese_chars, default true).
    /// </summary>
    private static TextTokenizer LoadBertVocabulary(string directory)
    {
        var config = File.Exists(Path.Combine(directory, "tokenizer_config.json"))
            ? JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "tokenizer_config.json"))) : null;
        var lowerCase = (bool?)config?["do_lower_case"] ?? true;
        var vocab = File.ReadAllText(Path.Combine(directory, "vocab.txt")).ReplaceLineEndings("\n").TrimEnd('\n').Split('\n').ToList();
        return Bert(vocab, lowerCase, (bool?)config?["strip_accents"] ?? lowerCase, (bool?)config?["tokenize_chinese_chars"] ?? true);
    }

    private static TextTokenizer Bert(List<string> vocab, bool lowerCase, bool stripAccents, bool splitCjk)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', vocab)));
        var options = new BertOptions { LowerCaseBeforeTokenization = lowerCase, RemoveNonSpacingMarks = stripAccents, IndividuallyTokenizeCjk = splitCjk };
        var bert = BertTokenizer.Create(stream, options);
        string[] names = [options.ClassificationToken, options.SeparatorToken, options.PaddingToken, options.UnknownToken, options.MaskingToken];
        var specials = names.Select(n => (Name: n, Id: vocab.IndexOf(n))).Where(p => p.Id >= 0).ToDictionary(p => p.Name, p => p.Id);
        return new TextTokenizer(bert, bert, new byte[]?[vocab.Count], specials);
    }

    /// <summary>Llama-3 style exports put their split regex in a Split pre-tokenizer inside a Sequence.</summary>
    private static string? FindSplitPattern(JsonNode? node) => node switch
    {
        JsonObject o when (string?)o["type"] == "Split" => (string?)o["pattern"]?["Regex"],
        JsonObject o when o["pretokenizers"] is JsonArray list => list.Select(FindSplitPattern).FirstOrDefault(p => p is not null),
        _ => null,
    };
}
