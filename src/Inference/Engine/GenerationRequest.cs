namespace InteractionLab.Inference.Engine;

/// <summary>One generation call: the prompt as token ids and every decoding setting.</summary>
internal sealed record GenerationRequest
{
    public required IReadOnlyList<int> PromptIds { get; init; }

    public int MaxTokens { get; init; } = 256;

    /// <summary>0 means greedy decoding.</summary>
    public float Temperature { get; init; } = 1f;

    public float TopP { get; init; } = 1f;

    /// <summary>0 means no top-k cut.</summary>
    public int TopK { get; init; }

    public float RepetitionPenalty { get; init; } = 1f;

    public float FrequencyPenalty { get; init; }

    public float PresencePenalty { get; init; }

    public IReadOnlyList<string> StopSequences { get; init; } = [];

    /// <summary>Completions generated together in one batch.</summary>
    public int N { get; init; } = 1;

    /// <summary>Sampling seed; completion i uses a stream derived from (Seed, i).</summary>
    public long Seed { get; init; }

    /// <summary>Number of alternatives reported per token when log-probabilities are requested; -1 = none.</summary>
    public int TopLogprobs { get; init; } = -1;

    public bool Greedy => Temperature <= 0f || TopK == 1;
}
