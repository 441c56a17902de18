using InteractionLab.Domain.Studies;

namespace InteractionLab.Domain.Assignment;

/// <summary>
/// Chooses a new participant's condition from how many sessions each condition already holds (its load:
/// completed plus in-progress, not abandoned, not simulated — counted by the caller). A condition whose load has
/// reached its quota is never chosen.
/// </summary>
public static class ConditionChooser
{
    /// <summary>Chooses by <see cref="AssignmentConfig.Mode"/>; ties go to <paramref name="tieBreak"/>.</summary>
    /// <param name="assignment">Assignment settings.</param>
    /// <param name="conditions">The study's conditions.</param>
    /// <param name="load">Sessions per condition key (missing keys count as 0).</param>
    /// <param name="requestedKey">The condition key from the link (URL-parameter mode only).</param>
    /// <param name="tieBreak">Random source for ties, so simultaneous arrivals do not all land on one condition.</param>
    public static AssignmentChoice Choose(
        AssignmentConfig assignment,
        IReadOnlyList<ConditionConfig> conditions,
        IReadOnlyDictionary<string, int> load,
        string? requestedKey,
        Random tieBreak)
    {
        if (conditions.Count == 0) throw new ArgumentException("A study needs at least one condition.", nameof(conditions));
        int Load(ConditionConfig c) => load.GetValueOrDefault(c.Key);
        bool Open(ConditionConfig c) => c.Quota is not { } quota || Load(c) < quota;

        if (assignment.Mode == AssignmentMode.UrlParameter)
        {
            if (string.IsNullOrWhiteSpace(requestedKey)) return AssignmentChoice.Refused(AssignmentRefusal.MissingCondition);
            var requested = conditions.FirstOrDefault(c => c.Key == requestedKey);
            if (requested is null) return AssignmentChoice.Refused(AssignmentRefusal.UnknownCondition);
            return Open(requested) ? AssignmentChoice.Of(requested) : AssignmentChoice.Refused(AssignmentRefusal.StudyFull);
        }

        var open = conditions.Where(Open).ToList();
        if (open.Count == 0) return AssignmentChoice.Refused(AssignmentRefusal.StudyFull);
        List<ConditionConfig> candidates;
        if (assignment.Mode == AssignmentMode.Weighted)
        {
            // Where each condition should stand after this arrival, minus where it stands: the largest gap wins.
            var totalWeight = (double)conditions.Sum(c => Math.Max(c.Weight, 1));
            var after = conditions.Sum(Load) + 1;
            double Deficit(ConditionConfig c) => Math.Max(c.Weight, 1) / totalWeight * after - Load(c);
            var best = open.Max(Deficit);
            candidates = open.Where(c => Math.Abs(Deficit(c) - best) < 1e-9).ToList();
        }
        else
        {
            var least = open.Min(Load);
            candidates = open.Where(c => Load(c) == least).ToList();
        }
        return AssignmentChoice.Of(candidates[tieBreak.Next(candidates.Count)]);
    }
}
