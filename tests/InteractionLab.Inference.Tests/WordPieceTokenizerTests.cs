using System.Text.Json.Nodes;
using InteractionLab.Inference.Engine;

namespace InteractionLab.Inference.Tests;

public sealed class WordPieceTokenizerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ilab-wordpiece-").FullName;

    private void Write(JsonObject model, JsonObject? normalizer = null) => File.WriteAllText(Path.Combine(_dir, "tokenizer.json"), new JsonObject
    {
        ["added_tokens"] = new JsonArray(new JsonObject { ["id"] = 1, ["content"] = "[CLS]", ["special"] = true }),
        ["normalizer"] = normalizer ?? new JsonObject { ["type"] = "BertNormalizer", ["lowercase"] = true },
        ["model"] = model,
    }.ToJsonString());

    [Fact]
    public void BertStyleWordPieceTokenizersWrapTheTextInClsAndSepAndLowerCase()
    {
        var vocab = new JsonObject();
        string[] tokens = ["[PAD]", "[CLS]", "[SEP]", "[UNK]", "hello", "world", "##s", "[MASK]"];
        for (var i = 0; i < tokens.Length; i++) { vocab[tokens[i]] = i; }
        Write(new JsonObject { ["type"] = "WordPiece", ["unk_token"] = "[UNK]", ["continuing_subword_prefix"] = "##", ["vocab"] = vocab });

        var ids = TextTokenizer.Load(_dir).Encode("Hello worlds", allowSpecialTokens: false);

        Assert.Equal([1, 4, 5, 6, 2], ids);
    }

    [Fact]
    public void ABertNormalizerWithoutStripAccentsStripsThemWhenItLowerCases()
    {
        // transformers' BertNormalizer: strip_accents unset follows lowercase, so "Héllo" is looked up as "hello".
        var vocab = new JsonObject();
        string[] tokens = ["[PAD]", "[CLS]", "[SEP]", "[UNK]", "hello", "world", "##s", "[MASK]"];
        for (var i = 0; i < tokens.Length; i++) { vocab[tokens[i]] = i; }
        Write(new JsonObject { ["type"] = "WordPiece", ["unk_token"] = "[UNK]", ["continuing_subword_prefix"] = "##", ["vocab"] = vocab },
            new JsonObject { ["type"] = "BertNormalizer", ["lowercase"] = true, ["strip_accents"] = null });

        var ids = TextTokenizer.Load(_dir).Encode("Héllo worlds", allowSpecialTokens: false);

        Assert.Equal([1, 4, 5, 6, 2], ids);
    }

    private void WriteBertVocabulary(JsonObject? tokenizerConfig)
    {
        // The line number is the id; CRLF line ends as in the MiniLM package's copy.
        File.WriteAllText(Path.Combine(_dir, "vocab.txt"), "[PAD]\r\n[UNK]\r\n[CLS]\r\n[SEP]\r\n[MASK]\r\ncafe\r\nna\r\n##ive\r\n中\r\n文\r\n!\r\n");
        if (tokenizerConfig is not null) File.WriteAllText(Path.Combine(_dir, "tokenizer_config.json"), tokenizerConfig.ToJsonString());
    }

    [Fact]
    public void BertVocabularyFilesLowerCaseStripAccentsAndSplitChineseCharactersAsTransformersDoes()
    {
        WriteBertVocabulary(new JsonObject { ["do_lower_case"] = true });

        var ids = TextTokenizer.Load(_dir).EncodeTruncated("Café NAÏVE 中文!", 512);

        // café → cafe (5); naïve → naive → na (6) ##ive (7); 中 (8) and 文 (9) each a word; "!" (10) split off;
        // wrapped in [CLS] (2) … [SEP] (3).
        Assert.Equal([2, 5, 6, 7, 8, 9, 10, 3], ids);
    }

    [Fact]
    public void BertVocabularyFilesKeepAccentsWhenTheConfigSaysSo()
    {
        WriteBertVocabulary(new JsonObject { ["do_lower_case"] = true, ["strip_accents"] = false });

        var ids = TextTokenizer.Load(_dir).EncodeTruncated("Café", 512);

        Assert.Equal([2, 1, 3], ids); // "café" is not in the vocabulary: [UNK] (1)
    }

    [Fact]
    public void TruncatingABertInputKeepsClsAndSepAndDropsWordPiecesFromTheEnd()
    {
        WriteBertVocabulary(null);

        var ids = TextTokenizer.Load(_dir).EncodeTruncated("cafe naive cafe", 4);

        Assert.Equal([2, 5, 6, 3], ids); // [CLS] cafe na [SEP]: "##ive" and the second "cafe" are cut
    }

    [Fact]
    public void SentencePieceStyleBpeIsRefusedInsteadOfTokenizedWrongly()
    {
        Write(new JsonObject { ["type"] = "BPE", ["byte_fallback"] = true, ["vocab"] = new JsonObject { ["a"] = 0 }, ["merges"] = new JsonArray() });

        var error = Assert.Throws<InvalidDataException>(() => TextTokenizer.Load(_dir));

        Assert.Contains("SentencePiece", error.Message);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
