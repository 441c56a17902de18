using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;

namespace InteractionLab.Inference.Engine;

/// <summary>
/// A loaded encoder for sentence embeddings: runs a padded batch, pools token states (mean over the attention
/// mask, or CLS when 1_Pooling/config.json says so) and L2-normalises, as sentence-transformers does.
/// </summary>
internal sealed class EncoderModel : IDisposable
{
    private readonly InferenceSession _session;
    private readonly bool _clsPooling;
    private readonly bool _hasTokenTypes;
    private readonly string _output;
    private readonly int _maxTokens;

    private EncoderModel(string id, InferenceSession session, TextTokenizer tokenizer, string provider, HfModelDirectory files, ConcurrencyGate gate)
    {
        Id = id;
        _session = session;
        Tokenizer = tokenizer;
        Provider = provider;
        Description = files.Description;
        Gate = gate;
        var pooling = Path.Combine(files.Path, "1_Pooling", "config.json");
        _clsPooling = File.Exists(pooling) && ((bool?)JsonNode.Parse(File.ReadAllText(pooling))?["pooling_mode_cls_token"] ?? false);
        _hasTokenTypes = session.InputMetadata.ContainsKey("token_type_ids");
        _output = session.OutputMetadata.ContainsKey("last_hidden_state") ? "last_hidden_state" : session.OutputNames[0];
        _maxTokens = files.EncoderMaxTokens;
        Dimensions = session.OutputMetadata[_output].Dimensions[^1];
    }

    public string Id { get; }

    public string? Description { get; }

    public string Provider { get; }

    public TextTokenizer Tokenizer { get; }

    public ConcurrencyGate Gate { get; }

    public int Dimensions { get; }

    public static EncoderModel Load(string id, string directory, InferenceOptions options, ILogger logger)
    {
        var files = HfModelDirectory.Open(directory);
        var session = ExecutionProviderSelector.Open(files.GraphPath, options, id, logger, out var provider);
        var gate = new ConcurrencyGate(id, options.MaxConcurrentRequestsPerModel, options.MaxQueuedRequestsPerModel);
        return new EncoderModel(id, session, TextTokenizer.Load(directory), provider, files, gate);
    }

    /// <summary>Embeds a batch; returns one unit-length vector per text and the number of tokens read.</summary>
    public (float[][] Vectors, int Tokens) Embed(IReadOnlyList<string> texts)
    {
        var batch = Encode(texts);
        var names = new List<string> { "input_ids", "attention_mask" };
        using var idsValue = OrtValue.CreateTensorValueFromMemory(batch.Ids, [batch.Size, batch.Length]);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(batch.Mask, [batch.Size, batch.Length]);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(new long[batch.Ids.Length], [batch.Size, batch.Length]);
        var values = new List<OrtValue> { idsValue, maskValue };
        if (_hasTokenTypes)
        {
            names.Add("token_type_ids");
            values.Add(typesValue);
        }

        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, names, values, [_output]);
        var states = outputs.First().GetTensorDataAsSpan<float>();
        var vectors = new float[batch.Size][];
        for (var b = 0; b < batch.Size; b++)
        {
            vectors[b] = Pool(states, b, batch.Length, batch.Mask);
        }

        return (vectors, batch.Tokens);
    }

    /// <summary>The model's inputs for a batch: token ids and attention mask, right-padded to the longest text.</summary>
    internal EncodedBatch Encode(IReadOnlyList<string> texts)
    {
        var encoded = texts.Select(t => Tokenizer.EncodeTruncated(t, _maxTokens)).ToArray();
        var length = Math.Max(1, encoded.Max(e => e.Count));
        var ids = new long[encoded.Length * length];
        var mask = new long[encoded.Length * length];
        for (var b = 0; b < encoded.Length; b++)
        {
            for (var t = 0; t < encoded[b].Count; t++)
            {
                ids[b * length + t] = encoded[b][t];
                mask[b * length + t] = 1;
            }
        }

        return new EncodedBatch(ids, mask, encoded.Length, length, encoded.Sum(e => e.Count));
    }

    private float[] Pool(ReadOnlySpan<float> states, int b, int length, long[] mask)
    {
        var vector = new float[Dimensions];
        var count = 0;
        for (var t = 0; t < (_clsPooling ? 1 : length); t++)
        {
            if (mask[b * length + t] == 0) { continue; }
            count++;
            var row = states.Slice((b * length + t) * Dimensions, Dimensions);
            for (var d = 0; d < Dimensions; d++) { vector[d] += row[d]; }
        }

        var norm = 0f;
        for (var d = 0; d < Dimensions; d++)
        {
            vector[d] /= Math.Max(count, 1);
            norm += vector[d] * vector[d];
        }

        norm = MathF.Sqrt(norm);
        for (var d = 0; d < Dimensions && norm > 0; d++) { vector[d] /= norm; }
        return vector;
    }

    public void Dispose() => _session.Dispose();
}
