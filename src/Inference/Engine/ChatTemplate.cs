namespace InteractionLab.Inference.Engine;

/// <summary>
/// The built-in chat templates. Jinja templates from tokenizer_config.json are not executed; the family is
/// recognised from them (or configured per model) and rendered here.
/// </summary>
internal sealed class ChatTemplate
{
    public static readonly ChatTemplate ChatMl = new("chatml", "<|im_end|>");
    public static readonly ChatTemplate Llama3 = new("llama3", "<|eot_id|>");
    public static readonly ChatTemplate Plain = new("plain", null);

    private ChatTemplate(string name, string? endOfTurnToken)
    {
        Name = name;
        EndOfTurnToken = endOfTurnToken;
    }

    public string Name { get; }

    /// <summary>Special token that ends an assistant turn, added to the model's stop tokens.</summary>
    public string? EndOfTurnToken { get; }

    /// <summary>Stop strings that a template without special tokens needs to end a turn.</summary>
    public IReadOnlyList<string> StopSequences => this == Plain ? ["\nUser:", "\nSystem:"] : [];

    public static ChatTemplate? FromName(string? name) => name?.ToLowerInvariant() switch
    {
        "chatml" => ChatMl,
        "llama3" or "llama-3" => Llama3,
        "plain" => Plain,
        _ => null,
    };

    /// <summary>Picks the family from the model's Jinja template or its special tokens.</summary>
    public static ChatTemplate Detect(string? jinja, IReadOnlyDictionary<string, int> specialTokens)
    {
        if (jinja?.Contains("<|start_header_id|>", StringComparison.Ordinal) == true || specialTokens.ContainsKey("<|start_header_id|>"))
        {
            return Llama3;
        }

        return jinja?.Contains("<|im_start|>", StringComparison.Ordinal) == true || specialTokens.ContainsKey("<|im_start|>") ? ChatMl : Plain;
    }

    public List<PromptSegment> Render(IEnumerable<(string Role, string Content)> messages)
    {
        var segments = new List<PromptSegment>();
        if (this == Llama3)
        {
            segments.Add(new("<|begin_of_text|>", true));
        }

        foreach (var (role, content) in messages)
        {
            if (this == ChatMl)
            {
                segments.Add(new($"<|im_start|>{role}\n", true));
                segments.Add(new(content, false));
                segments.Add(new("<|im_end|>\n", true));
            }
            else if (this == Llama3)
            {
                segments.Add(new($"<|start_header_id|>{role}<|end_header_id|>\n\n", true));
                segments.Add(new(content, false));
                segments.Add(new("<|eot_id|>", true));
            }
            else
            {
                segments.Add(new($"{char.ToUpperInvariant(role[0])}{role[1..]}: ", true));
                segments.Add(new(content, false));
                segments.Add(new("\n", true));
            }
        }

        segments.Add(new(this == ChatMl ? "<|im_start|>assistant\n"
            : this == Llama3 ? "<|start_header_id|>assistant<|end_header_id|>\n\n" : "Assistant:", true));
        return segments;
    }
}
