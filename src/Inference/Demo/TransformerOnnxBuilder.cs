using InteractionLab.Inference.Onnx;

namespace InteractionLab.Inference.Demo;

/// <summary>
/// Writes a small pre-LayerNorm transformer as ONNX in the Hugging Face/Optimum export layout. Weights come from
/// a fixed seed in a fixed order, so every variant built from the same seed computes the same function.
/// </summary>
internal sealed class TransformerOnnxBuilder(TransformerSpec spec, ulong seed)
{
    private DeterministicRandom _random = new(seed);
    private readonly OnnxGraphBuilder _g = new("main");

    public static byte[] Build(TransformerSpec spec, ulong seed, TransformerVariant variant) =>
        new TransformerOnnxBuilder(spec, seed).BuildGraph(variant);

    private byte[] BuildGraph(TransformerVariant variant)
    {
        var decoder = variant != TransformerVariant.Encoder;
        var cached = variant is TransformerVariant.DecoderWithCache or TransformerVariant.DecoderMerged;
        int h = spec.Hidden, v = spec.VocabSize;

        var inputIds = _g.Input("input_ids", OnnxGraphBuilder.Int64, "batch_size", "sequence_length");
        var mask = _g.Input("attention_mask", OnnxGraphBuilder.Int64, "batch_size", "total_sequence_length");
        var positionIds = decoder ? _g.Input("position_ids", OnnxGraphBuilder.Int64, "batch_size", "sequence_length") : null;
        string? useCache = null;
        var past = new List<(string Key, string Value)>();
        if (cached)
        {
            for (var l = 0; l < spec.Layers; l++)
            {
                object[] dims = ["batch_size", (long)spec.Heads, "past_sequence_length", (long)spec.HeadDim];
                past.Add((_g.Input($"past_key_values.{l}.key", OnnxGraphBuilder.Float, dims),
                          _g.Input($"past_key_values.{l}.value", OnnxGraphBuilder.Float, dims)));
            }

            if (variant == TransformerVariant.DecoderMerged)
            {
                useCache = _g.Input("use_cache_branch", OnnxGraphBuilder.Bool, 1L);
            }
        }

        var wte = _g.Weight("embed_tokens", Uniform(v * h, 1f), v, h);
        var wpe = _g.Weight("embed_positions", Uniform(spec.MaxPositions * h, 0.5f), spec.MaxPositions, h);
        var seqLen = _g.Node("Gather", [_g.Node("Shape", [inputIds]), _g.ScalarInt64(1)]);
        var totalLen = _g.Node("Gather", [_g.Node("Shape", [mask]), _g.ScalarInt64(1)]);
        var positions = positionIds ?? _g.Node("Range", [_g.ScalarInt64(0), seqLen, _g.ScalarInt64(1)]);
        var x = _g.Node("Add", [_g.Node("Gather", [wte, inputIds]), _g.Node("Gather", [wpe, positions])]);

        var allowed = _g.Node("Unsqueeze", [_g.Node("Cast", [mask], null, ("to", (long)OnnxGraphBuilder.Bool)), _g.Constant([1, 2], 2)]);
        if (decoder)
        {
            var queryPos = _g.Node("Range", [_g.Node("Sub", [totalLen, seqLen]), totalLen, _g.ScalarInt64(1)]);
            var keyPos = _g.Node("Range", [_g.ScalarInt64(0), totalLen, _g.ScalarInt64(1)]);
            var causal = _g.Node("LessOrEqual", [
                _g.Node("Unsqueeze", [keyPos, _g.Constant([0], 1)]),
                _g.Node("Unsqueeze", [queryPos, _g.Constant([1], 1)])]);
            allowed = _g.Node("And", [causal, allowed]);
        }

        var bias = _g.Node("Where", [allowed, _g.Scalar(0f), _g.Scalar(-1e9f)]);
        var headShape = _g.Constant([0, 0, spec.Heads, spec.HeadDim], 4);
        var mergedShape = _g.Constant([0, 0, h], 3);
        var scale = _g.Scalar(1f / MathF.Sqrt(spec.HeadDim));

        for (var l = 0; l < spec.Layers; l++)
        {
            var n1 = LayerNorm(x, $"layers.{l}.ln1");
            var q = Heads(Linear(n1, h, h, $"layers.{l}.q"), headShape);
            var k = Heads(Linear(n1, h, h, $"layers.{l}.k"), headShape);
            var val = Heads(Linear(n1, h, h, $"layers.{l}.v"), headShape);
            if (cached)
            {
                k = _g.Node("Concat", [PastOrEmpty(past[l].Key, useCache), k], $"present.{l}.key", ("axis", 2L));
                val = _g.Node("Concat", [PastOrEmpty(past[l].Value, useCache), val], $"present.{l}.value", ("axis", 2L));
                _g.Output(k, OnnxGraphBuilder.Float, "batch_size", (long)spec.Heads, "total_sequence_length", (long)spec.HeadDim);
                _g.Output(val, OnnxGraphBuilder.Float, "batch_size", (long)spec.Heads, "total_sequence_length", (long)spec.HeadDim);
            }

            var scores = _g.Node("Mul", [_g.Node("MatMul", [q, _g.Node("Transpose", [k], null, ("perm", new long[] { 0, 1, 3, 2 }))]), scale]);
            var probs = _g.Node("Softmax", [_g.Node("Add", [scores, bias])], null, ("axis", -1L));
            var context = _g.Node("Transpose", [_g.Node("MatMul", [probs, val])], null, ("perm", new long[] { 0, 2, 1, 3 }));
            x = _g.Node("Add", [x, Linear(_g.Node("Reshape", [context, mergedShape]), h, h, $"layers.{l}.o")]);

            var up = Linear(LayerNorm(x, $"layers.{l}.ln2"), h, spec.Intermediate, $"layers.{l}.up");
            var silu = _g.Node("Mul", [up, _g.Node("Sigmoid", [up])]);
            x = _g.Node("Add", [x, Linear(silu, spec.Intermediate, h, $"layers.{l}.down")]);
        }

        var final = LayerNorm(x, "final_norm");
        if (decoder)
        {
            var lmHead = _g.Weight("lm_head", Uniform(h * v, 2f * MathF.Sqrt(3f / h)), h, v);
            var projected = _g.Node("MatMul", [final, lmHead]);
            _g.Node("Add", [projected, _g.Weight("lm_head.bias", spec.LogitBias ?? new float[v], v)], "logits");
            _g.Output("logits", OnnxGraphBuilder.Float, "batch_size", "sequence_length", (long)v);
        }
        else
        {
            _g.Node("Identity", [final], "last_hidden_state");
            _g.Output("last_hidden_state", OnnxGraphBuilder.Float, "batch_size", "sequence_length", (long)h);
        }

        return _g.ToModel();
    }

    /// <summary>In a merged export the cache branch is a real switch: when false the past is ignored.</summary>
    private string PastOrEmpty(string past, string? useCache)
    {
        if (useCache is null)
        {
            return past;
        }

        var then = new OnnxGraphBuilder($"{past}_then");
        then.Node("Identity", [past], $"{past}_kept");
        then.Output($"{past}_kept", OnnxGraphBuilder.Float);
        var otherwise = new OnnxGraphBuilder($"{past}_else");
        otherwise.Node("Slice", [past, otherwise.Constant([0], 1), otherwise.Constant([0], 1), otherwise.Constant([2], 1)], $"{past}_dropped");
        otherwise.Output($"{past}_dropped", OnnxGraphBuilder.Float);
        return _g.Node("If", [useCache], null, ("then_branch", then), ("else_branch", otherwise));
    }

    private string Heads(string x, string headShape) =>
        _g.Node("Transpose", [_g.Node("Reshape", [x, headShape])], null, ("perm", new long[] { 0, 2, 1, 3 }));

    private string Linear(string x, int inFeatures, int outFeatures, string name)
    {
        var w = _g.Weight($"{name}.weight", Uniform(inFeatures * outFeatures, MathF.Sqrt(3f / inFeatures)), inFeatures, outFeatures);
        var b = _g.Weight($"{name}.bias", Uniform(outFeatures, 0.02f), outFeatures);
        return _g.Node("Add", [_g.Node("MatMul", [x, w]), b]);
    }

    private string LayerNorm(string x, string name)
    {
        var gamma = _g.Weight($"{name}.weight", Enumerable.Repeat(1f, spec.Hidden).ToArray(), spec.Hidden);
        var beta = _g.Weight($"{name}.bias", new float[spec.Hidden], spec.Hidden);
        return _g.Node("LayerNormalization", [x, gamma, beta], null, ("axis", -1L), ("epsilon", 1e-5f));
    }

    private float[] Uniform(int count, float scale)
    {
        var data = new float[count];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = _random.NextSymmetric(scale);
        }

        return data;
    }
}
