namespace InteractionLab.Inference.Demo;

/// <summary>Which inputs/outputs an exported transformer graph has.</summary>
internal enum TransformerVariant
{
    /// <summary>Causal decoder with past_key_values inputs and present outputs (Optimum "with past").</summary>
    DecoderWithCache,

    /// <summary>Causal decoder that recomputes the whole sequence each step.</summary>
    DecoderNoCache,

    /// <summary>decoder_model_merged.onnx: a cache decoder that also takes use_cache_branch.</summary>
    DecoderMerged,

    /// <summary>Bidirectional encoder with last_hidden_state output (sentence-transformer style).</summary>
    Encoder,
}
