using InteractionLab.Domain.Studies;

namespace InteractionLab.Domain.Assignment;

/// <summary>What assignment needs to know about an existing session.</summary>
/// <param name="ConditionKey">Its condition.</param>
/// <param name="Status">Its status.</param>
/// <param name="LastSeenAt">Last time the participant was active.</param>
public readonly record struct SessionLoad(string ConditionKey, SessionStatus Status, DateTimeOffset LastSeenAt);

/// <summary>
/// Least-filled assignment. A condition's load counts completed sessions and sessions still in progress
/// (so a burst of arrivals spreads out), but not sessions silent longer than the abandon timeout (their
/// slot is reclaimed). Weights scale the target share.
/// </summary>
public static class BalancedAssignment
{
    /// <summary>Whether a session still occupies a slot in its condition.</summary>
    public static bool CountsTowardBalance(SessionLoad s, DateTimeOffset now, TimeSpan abandonAfter) => s.Status switch
    {
        SessionStatus.Completed => true,
        SessionStatus.InProgress => now - s.LastSeenAt <= abandonAfter,
        _ => false,
    };

    /// <summary>
    /// Picks the condition with the lowest load / weight; ties go to <paramref name="tieBreak"/> so that
    /// simultaneous arrivals do not all land on the first condition.
    /// </summary>
    public static ConditionConfig Choose(
        IReadOnlyList<ConditionConfig> conditions,
        IEnumerable<SessionLoad> sessions,
        DateTimeOffset now,
        TimeSpan abandonAfter,
        Random tieBreak)
    {
        if (conditions.Count == 0) throw new ArgumentException("A study needs at least one condition.", nameof(conditions));
        var load = conditions.ToDictionary(c => c.Key, _ => 0);
        foreach (var s in sessions)
            if (load.ContainsKey(s.ConditionKey) && CountsTowardBalance(s, now, abandonAfter))
                load[s.ConditionKey]++;
        var best = conditions.Min(c => (double)load[c.Key] / c.Weight);
        var candidates = conditions.Where(c => (double)load[c.Key] / c.Weight == best).ToList();
        return candidates[tieBreak.Next(candidates.Count)];
    }
}
