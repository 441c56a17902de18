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
    public void SentencePieceStyleBpeIsRefusedInsteadOfTokenizedWrongly()
    {
        Write(new JsonObject { ["type"] = "BPE", ["byte_fallback"] = true, ["vocab"] = new JsonObject { ["a"] = 0 }, ["merges"] = new JsonArray() });

        var error = Assert.Throws<InvalidDataException>(() => TextTokenizer.Load(_dir));

        Assert.Contains("SentencePiece", error.Message);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
