using System.Text.Json;

namespace InteractionLab.Domain.MoralGraph;

/// <summary>
/// Reads the original Moral Graph Elicitation platform's graph JSON, the output of its <c>summarizeGraph</c>
/// (<c>MoralGraph</c> in <c>app/lib/values-tools/types.ts</c> of meaningalignment/moral-graph-elicitation):
/// <c>{ values: [{ id, title, description, policies, pageRank? }], edges: [{ sourceValueId, wiserValueId, contexts,
/// counts: { markedWiser, markedNotWiser, markedLessWise, markedUnsure, impressions }, summary: { wiserLikelihood, entropy } }] }</c>.
/// Other fields (<c>demographics</c>, <c>createdAt</c>, <c>embedding</c>…) are ignored; ranks, likelihoods and entropies
/// are recomputed from the counts when the graph is rebuilt.
/// </summary>
public static class PublishedGraphReader
{
    /// <summary>Whether <paramref name="root"/> is a published graph: it has <c>edges</c> whose first edge uses the published names.</summary>
    public static bool Recognises(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object
        && root.TryGetProperty("edges", out var edges) && edges.ValueKind == JsonValueKind.Array
        && edges.EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } first
        && (first.TryGetProperty("summary", out _)
            || (first.TryGetProperty("counts", out var counts) && counts.ValueKind == JsonValueKind.Object && counts.TryGetProperty("markedWiser", out _)));

    /// <summary>The graph in this platform's shape; every bad value or edge is reported and left out.</summary>
    /// <param name="root">The file.</param>
    /// <param name="problems">Receives the problems.</param>
    /// <param name="edgeIndex">Receives, for each edge read, its index in the file.</param>
    public static MoralGraphDocument Read(JsonElement root, List<ImportProblem> problems, List<int> edgeIndex)
    {
        var values = new List<MoralGraphValue>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in Rows(root, "values", problems))
        {
            var id = row.Id("id");
            var title = row.Text("title", required: true);
            var description = row.Text("description") ?? "";
            var policies = row.Texts("policies");
            if (title is not null && string.IsNullOrWhiteSpace(title)) row.Problem($"Value {id} has an empty 'title'.");
            if (policies.Any(string.IsNullOrWhiteSpace)) row.Problem($"Value {id} has an empty policy.");
            if (id is not null && !row.Failed && !ids.Add(id)) row.Problem($"Value id {id} is used by an earlier value; ids must be unique.");
            if (row.Failed) continue;
            values.Add(new MoralGraphValue(id!, title!.Trim(), description.Trim(), policies, 0));
        }
        var edges = new List<MoralGraphEdge>();
        foreach (var row in Rows(root, "edges", problems))
        {
            var source = row.Id("sourceValueId");
            var wiser = row.Id("wiserValueId");
            var contexts = row.Texts("contexts");
            if (row.Object("counts") is not { } c) continue;
            var counts = new EdgeCounts(row.Count(c, "counts", "markedWiser"), row.Count(c, "counts", "markedNotWiser"),
                row.Count(c, "counts", "markedUnsure"), row.Count(c, "counts", "markedLessWise"), row.Count(c, "counts", "impressions"));
            if (row.Failed) continue;
            edges.Add(new MoralGraphEdge(source!, wiser!, contexts, counts, EdgeAggregation.WiserLikelihood(counts), EdgeAggregation.Entropy(counts)));
            edgeIndex.Add(row.Index);
        }
        return new MoralGraphDocument(values, edges);
    }

    private static IEnumerable<JsonRow> Rows(JsonElement root, string name, List<ImportProblem> problems)
    {
        if (!root.TryGetProperty(name, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            problems.Add(new("$", $"The graph has no '{name}' list."));
            yield break;
        }
        var i = 0;
        foreach (var row in list.EnumerateArray())
        {
            var item = $"{name}[{i++}]";
            if (row.ValueKind != JsonValueKind.Object) { problems.Add(new(item, $"Each of '{name}' must be an object, not {JsonRow.Show(row)}.")); continue; }
            yield return new JsonRow(row, name, i - 1, problems);
        }
    }
}
