namespace InteractionLab.Inference.Engine;

/// <summary>Why a completion ended.</summary>
internal enum FinishReason
{
    /// <summary>An end-of-sequence token or a stop sequence.</summary>
    Stop,

    /// <summary>max_tokens or the model's context length.</summary>
    Length,
}
