namespace InteractionLab.Domain.MoralGraph;

/// <summary>
/// Turns individual wiser-than votes into per-edge counts, likelihood and entropy (the aggregation of Moral Graph
/// Elicitation). One pass over the votes plus one pass over the edges: O(votes + edges).
/// </summary>
public static class EdgeAggregation
{
    /// <summary>
    /// One edge for every directed pair A→B that has at least one vote on the A→B story, sorted by source then
    /// wiser value (ordinal). A pair voted on only as B→A gets no A→B edge: with no wiser votes it could never be
    /// kept. Its "wiser" votes still count as <see cref="EdgeCounts.LessWise"/> on A→B whenever A→B has votes of its own.
    /// Thresholds are not applied here; see <see cref="GraphThresholds"/>.
    /// </summary>
    public static IReadOnlyList<MoralGraphEdge> Aggregate(IEnumerable<WiserVote> votes)
    {
        var tallies = new Dictionary<(string From, string To), Tally>();
        foreach (var v in votes)
        {
            if (!tallies.TryGetValue((v.FromValueId, v.ToValueId), out var t))
                tallies[(v.FromValueId, v.ToValueId)] = t = new Tally();
            switch (v.Choice)
            {
                case VoteChoice.Wiser: t.Wiser++; break;
                case VoteChoice.NotWiser: t.NotWiser++; break;
                case VoteChoice.Unsure: t.Unsure++; break;
                default: throw new ArgumentOutOfRangeException(nameof(votes), v.Choice, "Unknown vote choice.");
            }
            if (!string.IsNullOrWhiteSpace(v.Context)) t.Contexts.Add(v.Context.Trim());
        }

        var edges = new List<MoralGraphEdge>(tallies.Count);
        foreach (var ((from, to), t) in tallies)
        {
            var lessWise = tallies.TryGetValue((to, from), out var reverse) ? reverse.Wiser : 0;
            var counts = new EdgeCounts(t.Wiser, t.NotWiser, t.Unsure, lessWise);
            var contexts = t.Contexts.Order(StringComparer.Ordinal).ToArray();
            edges.Add(new MoralGraphEdge(from, to, contexts, counts, WiserLikelihood(counts), Entropy(counts)));
        }
        edges.Sort((a, b) =>
        {
            var c = string.CompareOrdinal(a.SourceValueId, b.SourceValueId);
            return c != 0 ? c : string.CompareOrdinal(a.WiserValueId, b.WiserValueId);
        });
        return edges;
    }

    /// <summary>(wiser − lessWise) / (wiser + notWiser + unsure + lessWise), from −1 to 1; 0 when nobody voted.</summary>
    public static double WiserLikelihood(EdgeCounts c) =>
        c.Total == 0 ? 0 : (double)(c.Wiser - c.LessWise) / c.Total;

    /// <summary>
    /// Shannon entropy in <b>bits</b> (log base 2) of the vote distribution over {wiser, notWiser, unsure, lessWise}:
    /// 0 when every vote agrees, 1 for an even two-way split, log2(3) ≈ 1.585 for an even three-way split, 2 at most.
    /// Bits because they read naturally ("one bit of disagreement") and match the original implementation's scale.
    /// </summary>
    public static double Entropy(EdgeCounts c)
    {
        double total = c.Total;
        if (total == 0) return 0;
        return Term(c.Wiser) + Term(c.NotWiser) + Term(c.Unsure) + Term(c.LessWise);

        double Term(int count)
        {
            if (count == 0) return 0;
            var p = count / total;
            return -p * Math.Log2(p);
        }
    }

    private sealed class Tally
    {
        public int Wiser, NotWiser, Unsure;
        public readonly HashSet<string> Contexts = new(StringComparer.Ordinal);
    }
}
