namespace InteractionLab.Domain.MoralGraph;

/// <summary>
/// Turns individual wiser-than votes into per-edge counts, likelihood and entropy, as the published Moral Graph
/// Elicitation code does (<c>summarizeGraph</c> in <c>app/lib/values-tools/moral-graph.ts</c> of
/// meaningalignment/moral-graph-elicitation). One pass over the votes plus one pass over the edges: O(votes + edges).
/// </summary>
public static class EdgeAggregation
{
    /// <summary>
    /// One edge for every directed pair A→B that has at least one vote on the A→B story, in the order the pair was first
    /// voted on (the published code's order, which also fixes the order PageRank adds rank up in). A pair voted on only as
    /// B→A gets no A→B edge: with no wiser vote it could never be kept. Every vote on B→A counts as an impression of A→B,
    /// and its "wiser" answers as <see cref="EdgeCounts.LessWise"/>; its context joins A→B's contexts, after A→B's own.
    /// Thresholds are not applied here; see <see cref="GraphThresholds"/>.
    /// </summary>
    public static IReadOnlyList<MoralGraphEdge> Aggregate(IEnumerable<WiserVote> votes, EdgeEntropy entropy = EdgeEntropy.Published)
    {
        var list = votes as IReadOnlyList<WiserVote> ?? votes.ToList();
        var tallies = new Dictionary<(string From, string To), Tally>();
        var order = new List<(string From, string To)>();
        foreach (var v in list)
        {
            var t = TallyOf(v.FromValueId, v.ToValueId);
            switch (v.Choice)
            {
                case VoteChoice.Wiser: t.Wiser++; break;
                case VoteChoice.NotWiser: t.NotWiser++; break;
                case VoteChoice.Unsure: t.Unsure++; break;
                default: throw new ArgumentOutOfRangeException(nameof(votes), v.Choice, "Unknown vote choice.");
            }
            t.Impressions++;
            t.AddContext(v.Context);
        }
        // The published code's second pass: each vote is also seen from the reverse pair, after all forward votes.
        foreach (var v in list)
        {
            if (!tallies.TryGetValue((v.ToValueId, v.FromValueId), out var reverse)) continue;
            reverse.Impressions++;
            if (v.Choice == VoteChoice.Wiser) reverse.LessWise++;
            reverse.AddContext(v.Context);
        }

        var edges = new List<MoralGraphEdge>(order.Count);
        foreach (var pair in order)
        {
            var t = tallies[pair];
            var counts = new EdgeCounts(t.Wiser, t.NotWiser, t.Unsure, t.LessWise, t.Impressions);
            edges.Add(new MoralGraphEdge(pair.From, pair.To, t.Contexts, counts, WiserLikelihood(counts), Entropy(counts, entropy)));
        }
        return edges;

        Tally TallyOf(string from, string to)
        {
            if (tallies.TryGetValue((from, to), out var t)) return t;
            order.Add((from, to));
            return tallies[(from, to)] = new Tally();
        }
    }

    /// <summary>(wiser − lessWise) / (wiser + notWiser + unsure + lessWise), from −1 to 1; 0 when nobody voted.</summary>
    public static double WiserLikelihood(EdgeCounts c) =>
        c.Total == 0 ? 0 : (double)(c.Wiser - c.LessWise) / c.Total;

    /// <summary>
    /// Shannon entropy in <b>bits</b> (log base 2). <see cref="EdgeEntropy.Published"/> takes it over all five count fields
    /// as the published <c>calculateEntropy(edge.counts)</c> does — wiser, not wiser, less wise, unsure and impressions, in
    /// that order — so e.g. 3 wiser and 1 less wise with 4 impressions give p = (3/8, 1/8, 4/8) and 1.4056 bits.
    /// <see cref="EdgeEntropy.FourCounts"/> leaves impressions out: 0 when every vote agrees, 2 bits for an even four-way split.
    /// 0 when there are no votes.
    /// </summary>
    public static double Entropy(EdgeCounts c, EdgeEntropy kind = EdgeEntropy.Published)
    {
        // Terms are added in the published field order so the sums round exactly as the published code's do.
        int[] counts = kind == EdgeEntropy.Published
            ? [c.Wiser, c.NotWiser, c.LessWise, c.Unsure, c.Impressions]
            : [c.Wiser, c.NotWiser, c.LessWise, c.Unsure];
        double total = counts.Sum();
        if (total == 0) return 0;
        var entropy = 0.0;
        foreach (var count in counts)
        {
            var p = count / total;
            if (p > 0) entropy -= p * Math.Log2(p);
        }
        return entropy;
    }

    private sealed class Tally
    {
        public int Wiser, NotWiser, Unsure, LessWise, Impressions;
        private readonly HashSet<string> seen = new(StringComparer.Ordinal);
        public readonly List<string> Contexts = [];

        // First-seen order, as the published code keeps contexts (Array.from(new Set(...))).
        public void AddContext(string? context)
        {
            if (string.IsNullOrWhiteSpace(context)) return;
            var c = context.Trim();
            if (seen.Add(c)) Contexts.Add(c);
        }
    }
}
