using Microsoft.Extensions.AI;

namespace InteractionLab.Inference.Clients;

/// <summary>The in-process embedding generator over a local encoder (mean pooling, unit length).</summary>
internal sealed class LocalEmbeddingGenerator(LocalModelHost host, string modelId) : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>Texts embedded per ONNX Runtime run; bounds padding waste and memory.</summary>
    private const int BatchSize = 32;

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var model = host.GetEncoder(modelId);
        var texts = values.ToList();
        var result = new GeneratedEmbeddings<Embedding<float>>(texts.Count);
        var tokens = 0;
        var created = host.Time.GetUtcNow();
        using (await model.Gate.EnterAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var chunk in texts.Chunk(BatchSize))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (vectors, used) = model.Embed(chunk);
                tokens += used;
                result.AddRange(vectors.Select(v => new Embedding<float>(v) { ModelId = modelId, CreatedAt = created }));
            }
        }

        result.Usage = new UsageDetails { InputTokenCount = tokens, TotalTokenCount = tokens };
        return result;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata("interactionlab-onnx", null, modelId, host.GetEncoder(modelId).Dimensions)
        : serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
        // The model belongs to the host and is shared; nothing to release per generator.
    }
}
