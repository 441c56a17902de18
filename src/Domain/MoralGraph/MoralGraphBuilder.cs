namespace InteractionLab.Domain.MoralGraph;

/// <summary>Builds a moral graph: select the votes, aggregate edges, keep the agreed ones, list and rank the values.</summary>
public static class MoralGraphBuilder
{
    /// <summary>
    /// The graph of the votes that pass <paramref name="filter"/>, with edges, entropy, ranking and listed values as
    /// <paramref name="options"/> says (default: the published definitions). A vote is used when it passes the filter and
    /// names two different known values; a vote without its own question whose values belong to different questions is
    /// ignored (its question cannot be told) rather than rejected — validate imports with <see cref="MoralGraphImporter"/>.
    /// Votes are aggregated in the order given, which fixes the order edges are listed and ranked in.
    /// </summary>
    public static MoralGraphDocument Build(
        IEnumerable<CanonicalValue> values,
        IEnumerable<WiserVote> votes,
        MoralGraphFilter? filter = null,
        MoralGraphOptions? options = null)
    {
        filter ??= MoralGraphFilter.All;
        options ??= MoralGraphOptions.Published;

        var all = values.ToList();
        var byId = new Dictionary<string, CanonicalValue>(all.Count, StringComparer.Ordinal);
        foreach (var v in all)
            if (!byId.TryAdd(v.Id, v))
                throw new ArgumentException($"Value id '{v.Id}' appears twice.", nameof(values));

        var usedVotes = new List<WiserVote>();
        var votesPerValue = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var vote in votes)
        {
            if (!filter.Includes(vote)) continue;
            if (!byId.TryGetValue(vote.FromValueId, out var from) || !byId.TryGetValue(vote.ToValueId, out var to)) continue;
            if (from.Id == to.Id || (vote.QuestionId is null && from.QuestionId != to.QuestionId)) continue;
            if (!filter.InQuestion(vote.QuestionId ?? from.QuestionId)) continue;
            usedVotes.Add(vote);
            votesPerValue[from.Id] = votesPerValue.GetValueOrDefault(from.Id) + 1;
            votesPerValue[to.Id] = votesPerValue.GetValueOrDefault(to.Id) + 1;
        }

        var kept = EdgeAggregation.Aggregate(usedVotes, options.Entropy).Where(options.Thresholds.Keeps).ToList();
        var connected = new HashSet<string>(kept.SelectMany(e => new[] { e.SourceValueId, e.WiserValueId }), StringComparer.Ordinal);
        var listed = all.Where(v => connected.Contains(v.Id) || (options.Values == ValueListing.All && filter.Includes(v))).ToList();
        var ranks = Ranks(listed, kept, options);

        var ranked = listed.Select(v => new MoralGraphValue(v.Id, v.Card.Title, v.Card.Description, v.Card.AttentionalPolicies,
            ranks.GetValueOrDefault(v.Id), votesPerValue.GetValueOrDefault(v.Id))).ToArray();
        Array.Sort(ranked, (a, b) =>
        {
            var c = b.Rank.CompareTo(a.Rank);
            return c != 0 ? c : ValueIdComparer.Instance.Compare(a.Id, b.Id);
        });
        return new MoralGraphDocument(ranked, kept);
    }

    private static IReadOnlyDictionary<string, double> Ranks(List<CanonicalValue> listed, List<MoralGraphEdge> kept, MoralGraphOptions options)
    {
        if (options.Ranking == GraphRanking.Published) return PublishedPageRank.Rank(kept, options.Damping);
        var ids = listed.Select(v => v.Id).ToArray();
        var ranks = WiserPageRank.Rank(ids, kept, options.Damping);
        return ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => ranks[p.i], StringComparer.Ordinal);
    }
}
