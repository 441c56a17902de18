using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace InteractionLab.Inference.Engine;

/// <summary>The inputs and outputs a decoder graph declares, read once from the session's metadata.</summary>
internal sealed class DecoderSignature
{
    public DecoderSignature(InferenceSession session)
    {
        var inputs = session.InputMetadata;
        if (!inputs.ContainsKey("input_ids") || !session.OutputMetadata.ContainsKey("logits"))
        {
            throw new InvalidDataException("A decoder graph needs an 'input_ids' input and a 'logits' output.");
        }

        HasAttentionMask = inputs.ContainsKey("attention_mask");
        HasPositionIds = inputs.ContainsKey("position_ids");
        HasUseCacheBranch = inputs.ContainsKey("use_cache_branch");
        while (inputs.ContainsKey($"past_key_values.{Layers}.key"))
        {
            Layers++;
        }

        if (Layers > 0)
        {
            var past = inputs["past_key_values.0.key"];
            KvHeads = past.Dimensions[1];
            HeadDim = past.Dimensions[3];
            KvType = past.ElementDataType;
        }

        LogitsType = session.OutputMetadata["logits"].ElementDataType;
        var names = new List<string> { "input_ids" };
        if (HasAttentionMask) { names.Add("attention_mask"); }
        if (HasPositionIds) { names.Add("position_ids"); }
        for (var l = 0; l < Layers; l++)
        {
            names.Add($"past_key_values.{l}.key");
            names.Add($"past_key_values.{l}.value");
        }

        if (HasUseCacheBranch) { names.Add("use_cache_branch"); }
        InputNames = [.. names];
        OutputNames = ["logits", .. Enumerable.Range(0, Layers).SelectMany(l => new[] { $"present.{l}.key", $"present.{l}.value" })];
    }

    public bool HasAttentionMask { get; }

    public bool HasPositionIds { get; }

    public bool HasUseCacheBranch { get; }

    /// <summary>Transformer layers with a KV cache; 0 for a graph that recomputes the sequence each step.</summary>
    public int Layers { get; }

    public int KvHeads { get; }

    public int HeadDim { get; }

    public TensorElementType KvType { get; }

    public TensorElementType LogitsType { get; }

    public string[] InputNames { get; }

    public string[] OutputNames { get; }

    /// <summary>Index of the first past_key_values input.</summary>
    public int FirstPastInput => 1 + (HasAttentionMask ? 1 : 0) + (HasPositionIds ? 1 : 0);
}
