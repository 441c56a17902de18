using System.Text.Json;
using InteractionLab.Api.MoralGraph.Values;
using InteractionLab.Domain.MoralGraph;

namespace InteractionLab.Api.Tests.MoralGraph.Values;

/// <summary>One calibration pair of value-pairs.json and the cosine similarity the embedding model gives it.</summary>
public sealed record ValuePair(string A, string B, bool Same, double Similarity);

/// <summary>
/// The calibration cards (value-pairs.json): every value written twice in other words ("same" pairs: the -1 and -2
/// cards of one value) and hard negatives on the same question ("different" pairs), embedded as
/// <see cref="ValueCanonicalizer"/> embeds cards (<see cref="CardEmbedding"/>).
/// </summary>
public static class ValuePairs
{
    private static readonly JsonElement Root = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "MoralGraph", "Values", "value-pairs.json"))).RootElement;

    /// <summary>The cards by id, with the question each answers.</summary>
    public static IReadOnlyDictionary<string, (string Question, ValuesCard Card)> Cards { get; } = Root.GetProperty("cards").EnumerateObject()
        .ToDictionary(c => c.Name, c => (c.Value.GetProperty("question").GetString()!, new ValuesCard(c.Value.GetProperty("title").GetString()!,
            c.Value.GetProperty("description").GetString()!, c.Value.GetProperty("policies").EnumerateArray().Select(p => p.GetString()!).ToArray())));

    /// <summary>Every pair: the two wordings of each value, then the listed different values.</summary>
    public static IReadOnlyList<(string A, string B, bool Same)> Pairs { get; } =
    [
        .. Cards.Keys.Where(k => k.EndsWith("-1", StringComparison.Ordinal)).Select(k => (k, k[..^1] + "2", true)),
        .. Root.GetProperty("different").EnumerateArray().Select(p => (p[0].GetString()!, p[1].GetString()!, false)),
    ];

    /// <summary>Embeds every card once with <paramref name="source"/> and returns each pair's cosine similarity.</summary>
    public static async Task<IReadOnlyList<ValuePair>> MeasureAsync(IEmbeddingSource source)
    {
        var ids = Cards.Keys.ToList();
        var vectors = await CardEmbedding.EmbedAsync(source.Generator, ids.Select(id => Cards[id].Card).ToList());
        var byId = ids.Select((id, i) => (id, vectors[i])).ToDictionary(p => p.id, p => p.Item2);
        return Pairs.Select(p => new ValuePair(p.A, p.B, p.Same, ValueCanonicalizer.Cosine(byId[p.A], byId[p.B]))).ToList();
    }
}
