using Microsoft.Extensions.AI;

namespace InteractionLab.Api.MoralGraph.Values;

/// <summary>
/// The embedding model canonicalisation compares cards with. The Api project cannot reference the inference engine,
/// so the web host registers one (the in-process <c>local/sentence-transformers/all-MiniLM-L6-v2</c> model) as an
/// <see cref="EmbeddingSource"/>.
/// </summary>
public interface IEmbeddingSource
{
    /// <summary>The model as endpoint/model, stored nowhere but logged and shown to researchers.</summary>
    string Model { get; }

    /// <summary>The generator.</summary>
    IEmbeddingGenerator<string, Embedding<float>> Generator { get; }
}

/// <summary>An <see cref="IEmbeddingSource"/> whose generator is created on first use.</summary>
/// <param name="model">The model as endpoint/model.</param>
/// <param name="create">Creates the generator.</param>
public sealed class EmbeddingSource(string model, Func<IEmbeddingGenerator<string, Embedding<float>>> create) : IEmbeddingSource
{
    private readonly Lazy<IEmbeddingGenerator<string, Embedding<float>>> _generator = new(create);

    /// <inheritdoc />
    public string Model => model;

    /// <inheritdoc />
    public IEmbeddingGenerator<string, Embedding<float>> Generator => _generator.Value;
}
