using System.Globalization;
using InteractionLab.Domain.MoralGraph;

namespace InteractionLab.Api.MoralGraph;

/// <summary>
/// Turns an exported graph JSON back into cards and votes, so that importing it rebuilds the same graph: each edge
/// A→B becomes its wiser / notWiser / unsure votes on A→B and its lessWise votes as "wiser" votes on B→A (unless
/// B→A is itself an edge of the file, whose own wiser count already says so). Contexts are spread over the votes so
/// every listed context is kept. The graph JSON has no questions, so all values land in one question.
/// </summary>
public static class GraphJsonAsImport
{
    /// <summary>The question the values of an imported graph JSON belong to.</summary>
    public const string Question = "graph";

    /// <summary>The import file equivalent to <paramref name="graph"/>; votes are stamped <paramref name="castAt"/>.</summary>
    public static MoralGraphImport Convert(MoralGraphDocument graph, DateTimeOffset castAt)
    {
        var at = castAt.ToString("O", CultureInfo.InvariantCulture);
        var values = graph.Values.Select(v => new ImportedValue(v.Id, Question, v.Title, v.Description, v.Policies.ToArray())).ToList();
        var edges = graph.Edges.Select(e => (e.SourceValueId, e.WiserValueId)).ToHashSet();
        var votes = new List<ImportedVote?>();
        for (var i = 0; i < graph.Edges.Count; i++)
        {
            var e = graph.Edges[i];
            var n = 0;
            ImportedVote Vote(string from, string to, string choice, bool forward) => new(
                $"graph-edge-{i}-{n}", from, to, choice,
                forward && e.Contexts.Count > 0 ? e.Contexts[n++ % e.Contexts.Count] : null, null, at, null);
            for (var k = 0; k < e.Counts.Wiser; k++) votes.Add(Vote(e.SourceValueId, e.WiserValueId, "wiser", true));
            for (var k = 0; k < e.Counts.NotWiser; k++) votes.Add(Vote(e.SourceValueId, e.WiserValueId, "notWiser", true));
            for (var k = 0; k < e.Counts.Unsure; k++) votes.Add(Vote(e.SourceValueId, e.WiserValueId, "unsure", true));
            if (!edges.Contains((e.WiserValueId, e.SourceValueId)))
                for (var k = 0; k < e.Counts.LessWise; k++) votes.Add(Vote(e.WiserValueId, e.SourceValueId, "wiser", false));
        }
        return new MoralGraphImport(values, votes);
    }
}
