namespace InteractionLab.Domain.MoralGraph;

/// <summary>
/// Chooses which wiser-than hypothesis a participant judges next, so votes spread evenly over the hypotheses
/// instead of piling up on the first ones listed.
/// </summary>
public static class HypothesisExposure
{
    /// <summary>
    /// The unseen hypothesis with the fewest impressions so far (shown to anyone), ties broken by
    /// <paramref name="tieBreak"/> among the tied hypotheses in the order given; null when the participant has seen
    /// them all. Never returns a hypothesis whose id is in <paramref name="seenByParticipant"/>.
    /// </summary>
    /// <param name="hypotheses">The hypotheses of the participant's question.</param>
    /// <param name="seenByParticipant">Ids of hypotheses this participant has already been shown.</param>
    /// <param name="impressions">Times each hypothesis was shown so far, by id; a missing id counts as 0.</param>
    /// <param name="tieBreak">Source of randomness for ties, injected so tests and replays are deterministic.</param>
    public static EdgeHypothesis? ChooseNext(
        IReadOnlyList<EdgeHypothesis> hypotheses,
        IReadOnlySet<string> seenByParticipant,
        IReadOnlyDictionary<string, int> impressions,
        Random tieBreak)
    {
        var fewest = int.MaxValue;
        var tied = new List<EdgeHypothesis>();
        foreach (var h in hypotheses)
        {
            if (seenByParticipant.Contains(h.Id)) continue;
            var shown = impressions.GetValueOrDefault(h.Id);
            if (shown < fewest) { fewest = shown; tied.Clear(); }
            if (shown == fewest) tied.Add(h);
        }
        return tied.Count == 0 ? null : tied[tieBreak.Next(tied.Count)];
    }
}
