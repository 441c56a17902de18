using System.Globalization;

namespace InteractionLab.Domain.MoralGraph;

/// <summary>
/// Turns a graph JSON (exported here, or published by the original platform) back into cards and votes, so that
/// importing it rebuilds the same graph with the same thresholds: the same edges, counts, impressions, contexts,
/// likelihoods, entropies and ranks. The graph JSON has no questions, so all values land in question <see cref="Question"/>.
/// </summary>
/// <remarks>
/// Each edge A→B becomes its wiser / notWiser / unsure votes on A→B, its lessWise votes as "wiser" votes on B→A, and its
/// remaining impressions (impressions − wiser − notWiser − unsure − lessWise, the other answers on B→A) as "unsure"
/// votes on B→A — the file does not say whether they were "not wiser" or "not sure", and neither changes A→B. When B→A
/// is listed too (possible only with non-published thresholds), its own votes already are A→B's reverse votes, so only
/// the counts are checked against each other, and A→B's contexts go to its own votes only.
/// Contexts go to the votes in order (A→B's votes first, then B→A's), which rebuilds the list in the same order.
/// Voter keys are <c>graph-{file}-{edge}-{n}</c> with a fingerprint of the file, so importing the same file again adds nothing.
/// </remarks>
public static class GraphJsonAsImport
{
    /// <summary>The question the values of an imported graph JSON belong to.</summary>
    public const string Question = "graph";

    /// <summary>The import file equivalent to <paramref name="graph"/>; votes are stamped <paramref name="castAt"/>.</summary>
    /// <param name="graph">The graph as read.</param>
    /// <param name="fileTag">A short fingerprint of the file, part of every voter key.</param>
    /// <param name="castAt">The instant every vote is stamped with (the file has no vote times).</param>
    /// <param name="studyValueIds">Ids of the values the study already has, which edges may name too.</param>
    /// <param name="problems">Receives one problem per edge that cannot be votes (unknown value, inconsistent counts); such an edge is left out.</param>
    /// <param name="fileIndex">Each edge's index in the file, when the reader left some out; null when they are the same.</param>
    public static MoralGraphImport Convert(MoralGraphDocument graph, string fileTag, DateTimeOffset castAt,
        IReadOnlyCollection<string> studyValueIds, List<ImportProblem> problems, IReadOnlyList<int>? fileIndex = null)
    {
        var known = graph.Values.Select(v => v.Id).Concat(studyValueIds).ToHashSet(StringComparer.Ordinal);
        var at = castAt.ToString("O", CultureInfo.InvariantCulture);
        var values = graph.Values.Select(v => new ImportedValue(v.Id, Question, v.Title, v.Description, v.Policies.ToArray())).ToList();
        var listed = new Dictionary<(string, string), MoralGraphEdge>();
        foreach (var e in graph.Edges) listed.TryAdd((e.SourceValueId, e.WiserValueId), e);
        var votes = new List<ImportedVote?>();
        for (var i = 0; i < graph.Edges.Count; i++)
        {
            var e = graph.Edges[i];
            var item = $"edges[{fileIndex?[i] ?? i}]";
            var c = e.Counts;
            var forward = c.Wiser + c.NotWiser + c.Unsure;
            var reverseListed = listed.TryGetValue((e.WiserValueId, e.SourceValueId), out var reverse);
            var reverseVotes = reverseListed ? 0 : c.Impressions - forward;
            var unknown = new[] { ("sourceValueId", e.SourceValueId), ("wiserValueId", e.WiserValueId) }.Where(p => !known.Contains(p.Item2)).ToList();
            if (unknown.Count > 0)
            {
                problems.Add(new(item, string.Join(" ", unknown.Select(p => $"'{p.Item1}' {p.Item2} is not a valid value of the file or a value of the study."))));
                continue;
            }
            if (e.SourceValueId == e.WiserValueId) { problems.Add(new(item, $"The edge goes from value {e.SourceValueId} to itself.")); continue; }
            if (Inconsistent(e, reverse) is { } message) { problems.Add(new(item, message)); continue; }
            if (!reverseListed && e.Contexts.Count > forward + reverseVotes)
            {
                problems.Add(new(item, $"The edge lists {e.Contexts.Count} contexts but only {forward + reverseVotes} votes stand behind it; every context comes from a vote."));
                continue;
            }
            var n = 0;
            void Add(string from, string to, string choice, int count)
            {
                for (var k = 0; k < count; k++, n++)
                    votes.Add(new ImportedVote($"graph-{fileTag}-{i}-{n}", from, to, choice,
                        e.Contexts.Count == 0 ? null : e.Contexts[n % e.Contexts.Count], null, at, null));
            }
            Add(e.SourceValueId, e.WiserValueId, "wiser", c.Wiser);
            Add(e.SourceValueId, e.WiserValueId, "notWiser", c.NotWiser);
            Add(e.SourceValueId, e.WiserValueId, "unsure", c.Unsure);
            if (reverseListed) continue;
            Add(e.WiserValueId, e.SourceValueId, "wiser", c.LessWise);
            Add(e.WiserValueId, e.SourceValueId, "unsure", reverseVotes - c.LessWise);
        }
        return new MoralGraphImport(values, votes);
    }

    private static string? Inconsistent(MoralGraphEdge e, MoralGraphEdge? reverse)
    {
        var c = e.Counts;
        if (c.Impressions < c.Total)
            return $"'impressions' is {c.Impressions}, fewer than the {c.Total} answers counted (wiser {c.Wiser} + not wiser {c.NotWiser} + unsure {c.Unsure} + less wise {c.LessWise}); every answer on the pair is an impression.";
        if (reverse is null) return null;
        var r = reverse.Counts;
        if (c.LessWise != r.Wiser)
            return $"'lessWise' is {c.LessWise} but the reverse edge {e.WiserValueId} → {e.SourceValueId} has {r.Wiser} wiser votes; they are the same votes.";
        var both = c.Wiser + c.NotWiser + c.Unsure + r.Wiser + r.NotWiser + r.Unsure;
        return c.Impressions == both ? null
            : $"'impressions' is {c.Impressions} but the votes on this edge and its reverse {e.WiserValueId} → {e.SourceValueId} add up to {both}.";
    }
}
