namespace InteractionLab.Domain.MoralGraph;

/// <summary>Builds a moral graph: filter values and votes, aggregate edges, keep the agreed ones, rank the values.</summary>
public static class MoralGraphBuilder
{
    /// <summary>
    /// The graph of the values that pass <paramref name="filter"/> (all of them get a rank, even those nobody voted
    /// on) and the edges that pass <paramref name="thresholds"/>. Votes are used only when they pass the filter's
    /// time window and batch and both their values are in the graph and belong to the same question; other votes
    /// (e.g. about values of another question) are ignored rather than rejected — validate imports with
    /// <see cref="MoralGraphImporter"/>.
    /// </summary>
    public static MoralGraphDocument Build(
        IEnumerable<CanonicalValue> values,
        IEnumerable<WiserVote> votes,
        MoralGraphFilter? filter = null,
        GraphThresholds? thresholds = null,
        double damping = WiserPageRank.DefaultDamping)
    {
        filter ??= MoralGraphFilter.All;
        thresholds ??= GraphThresholds.Default;

        var graphValues = values.Where(filter.Includes).ToList();
        var byId = new Dictionary<string, CanonicalValue>(graphValues.Count, StringComparer.Ordinal);
        foreach (var v in graphValues)
            if (!byId.TryAdd(v.Id, v))
                throw new ArgumentException($"Value id '{v.Id}' appears twice.", nameof(values));

        var usedVotes = new List<WiserVote>();
        var votesPerValue = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var vote in votes)
        {
            if (!filter.Includes(vote)) continue;
            if (!byId.TryGetValue(vote.FromValueId, out var from) || !byId.TryGetValue(vote.ToValueId, out var to)) continue;
            if (from.QuestionId != to.QuestionId || from.Id == to.Id) continue;
            usedVotes.Add(vote);
            votesPerValue[from.Id] = votesPerValue.GetValueOrDefault(from.Id) + 1;
            votesPerValue[to.Id] = votesPerValue.GetValueOrDefault(to.Id) + 1;
        }

        var kept = EdgeAggregation.Aggregate(usedVotes).Where(thresholds.Keeps).ToList();
        var ids = graphValues.Select(v => v.Id).ToArray();
        var ranks = WiserPageRank.Rank(ids, kept, damping);

        var ranked = new MoralGraphValue[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            var card = graphValues[i].Card;
            ranked[i] = new MoralGraphValue(ids[i], card.Title, card.Description, card.AttentionalPolicies,
                ranks[i], votesPerValue.GetValueOrDefault(ids[i]));
        }
        Array.Sort(ranked, (a, b) =>
        {
            var c = b.Rank.CompareTo(a.Rank);
            return c != 0 ? c : string.CompareOrdinal(a.Id, b.Id);
        });
        return new MoralGraphDocument(ranked, kept);
    }
}
