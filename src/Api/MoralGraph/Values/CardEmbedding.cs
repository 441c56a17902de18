using InteractionLab.Domain.MoralGraph;
using Microsoft.Extensions.AI;

namespace InteractionLab.Api.MoralGraph.Values;

/// <summary>
/// A values card's vector for deduplication: the mean of the unit-length embeddings of its title, its description and
/// its attentional policies (one per line). Each part weighs the same, so a long list of policies does not drown
/// the title and description, and each part stays a sentence-sized input like those the model was trained on.
/// </summary>
/// <remarks>
/// On the calibration pairs (README.md beside this file) this separates "same value in other words" from "different
/// value on the same question" better than one embedding of the whole card (ROC AUC 0.982 vs 0.934 with
/// all-MiniLM-L6-v2).
/// </remarks>
public static class CardEmbedding
{
    /// <summary>Embeds <paramref name="cards"/> in one batch; returns one vector per card, in order.</summary>
    public static async Task<float[][]> EmbedAsync(IEmbeddingGenerator<string, Embedding<float>> generator, IReadOnlyList<ValuesCard> cards,
        CancellationToken ct = default)
    {
        var parts = cards.SelectMany(Parts).ToList();
        var embedded = await generator.GenerateAsync(parts, cancellationToken: ct);
        var vectors = new float[cards.Count][];
        for (var c = 0; c < cards.Count; c++)
        {
            var mean = new float[embedded[0].Vector.Length];
            for (var p = 0; p < PartsPerCard; p++)
            {
                var part = embedded[c * PartsPerCard + p].Vector.Span;
                for (var d = 0; d < mean.Length; d++) mean[d] += part[d] / PartsPerCard;
            }
            vectors[c] = mean;
        }
        return vectors;
    }

    private const int PartsPerCard = 3;

    private static string[] Parts(ValuesCard card) => [card.Title, card.Description, string.Join("\n", card.AttentionalPolicies)];
}
