using System.Text.Json;
using System.Text.Json.Nodes;
using InteractionLab.Inference.Engine;

namespace InteractionLab.Inference.Demo;

/// <summary>
/// Writes a small byte-level BPE tokenizer in the Hugging Face tokenizer.json format: all 256 bytes (so any UTF-8
/// text round-trips), a few dozen English merges, and ChatML special tokens.
/// </summary>
internal static class DemoTokenizerFiles
{
    public const string EndOfText = "<|endoftext|>";
    public const string ImStart = "<|im_start|>";
    public const string ImEnd = "<|im_end|>";

    private static readonly string[] Merges =
    [
        "Ġ t", "h e", "i n", "e r", "a n", "Ġ a", "o n", "r e", "Ġt he", "Ġ s", "e n", "o u", "Ġ w", "n d", "i s",
        "Ġ o", "Ġ i", "Ġ h", "in g", "Ġa nd", "Ġ b", "Ġ c", "Ġ m", "Ġ f", "a t", "o r", "e s", "Ġ p", "l l", "i t",
        "Ġo f", "Ġt o", "e d", "Ġi n", "a r", "Ġ d", "Ġ l", "l e", "Ġi s", "o w", "Ġ y", "Ġy ou", "Ġ I", "s t",
    ];

    /// <summary>Vocabulary size: bytes + merges + special tokens.</summary>
    public static int VocabSize => 256 + Merges.Length + 3;

    public static int IdOf(string special) => special switch
    {
        EndOfText => 256 + Merges.Length,
        ImStart => 256 + Merges.Length + 1,
        ImEnd => 256 + Merges.Length + 2,
        _ => throw new ArgumentOutOfRangeException(nameof(special)),
    };

    /// <summary>
    /// Output bias of the demo decoder: random weights would emit arbitrary bytes (mostly invalid UTF-8), so the
    /// bias favours printable ASCII, spaces and merged tokens and makes special tokens rare. Still gibberish, but text.
    /// </summary>
    public static float[] TextLikeBias()
    {
        var bias = new float[VocabSize];
        for (var id = 0; id < VocabSize; id++)
        {
            bias[id] = id switch
            {
                ' ' => 2f,
                < 256 when id is >= 'a' and <= 'z' => 1f,
                < 256 when id is >= 0x21 and <= 0x7E or '\n' => 0f,
                < 256 => -12f,
                _ when id < 256 + Merges.Length => 1f,
                _ => -8f,
            };
        }

        return bias;
    }

    public static string TokenizerJson()
    {
        var vocab = new JsonObject();
        for (var b = 0; b < 256; b++)
        {
            vocab[ByteLevelAlphabet.ByteToChar[b].ToString()] = b;
        }

        for (var i = 0; i < Merges.Length; i++)
        {
            vocab[Merges[i].Replace(" ", "", StringComparison.Ordinal)] = 256 + i;
        }

        var added = new JsonArray();
        foreach (var special in new[] { EndOfText, ImStart, ImEnd })
        {
            vocab[special] = IdOf(special);
            added.Add(new JsonObject
            {
                ["id"] = IdOf(special), ["content"] = special, ["single_word"] = false, ["lstrip"] = false,
                ["rstrip"] = false, ["normalized"] = false, ["special"] = true,
            });
        }

        var root = new JsonObject
        {
            ["version"] = "1.0",
            ["added_tokens"] = added,
            ["normalizer"] = null,
            ["pre_tokenizer"] = new JsonObject { ["type"] = "ByteLevel", ["add_prefix_space"] = false, ["use_regex"] = true },
            ["decoder"] = new JsonObject { ["type"] = "ByteLevel" },
            ["model"] = new JsonObject
            {
                ["type"] = "BPE", ["unk_token"] = null, ["byte_fallback"] = false,
                ["vocab"] = vocab, ["merges"] = new JsonArray(Merges.Select(m => (JsonNode?)m).ToArray()),
            },
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    public static string TokenizerConfigJson() => new JsonObject
    {
        ["tokenizer_class"] = "PreTrainedTokenizerFast",
        ["bos_token"] = null,
        ["eos_token"] = ImEnd,
        ["pad_token"] = EndOfText,
        ["model_max_length"] = 1024,
        ["chat_template"] = "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}",
    }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
}
