namespace InteractionLab.Domain.Studies;

/// <summary>Checks a study config before it is frozen; returns messages a researcher can act on.</summary>
public static class StudyConfigValidator
{
    /// <summary>All problems found (empty when valid).</summary>
    public static IReadOnlyList<string> Validate(StudyConfig c)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(c.Title)) errors.Add("The study needs a title.");
        if (c.Conditions.Count == 0) errors.Add("The study needs at least one condition.");
        if (c.Stages.Count == 0) errors.Add("The study needs at least one stage.");
        foreach (var dup in c.Stages.GroupBy(s => s.Key).Where(g => g.Count() > 1))
            errors.Add($"Stage key '{dup.Key}' is used more than once.");
        foreach (var dup in c.Conditions.GroupBy(s => s.Key).Where(g => g.Count() > 1))
            errors.Add($"Condition key '{dup.Key}' is used more than once.");
        foreach (var cond in c.Conditions)
        {
            if (cond.Weight < 1) errors.Add($"Condition '{cond.Key}' needs a weight of at least 1.");
            if (cond.Decoding.MaxTokens is < 1 or > 4096)
                errors.Add($"Condition '{cond.Key}': max tokens must be between 1 and 4096.");
            if (cond.Decoding.Temperature is < 0 or > 2)
                errors.Add($"Condition '{cond.Key}': temperature must be between 0 and 2.");
        }
        foreach (var s in c.Stages)
        {
            if (s.Kind == StageKind.Task && s.Task is null) errors.Add($"Task stage '{s.Key}' has no task settings.");
            if (s.Kind == StageKind.Survey && (s.Survey is null || s.Survey.Items.Count == 0))
                errors.Add($"Survey stage '{s.Key}' has no questions.");
            foreach (var item in s.Survey?.Items ?? [])
                if (item.Kind == SurveyItemKind.Likert && item.Min >= item.Max)
                    errors.Add($"Question '{item.Key}' in stage '{s.Key}' needs min below max.");
        }
        return errors;
    }
}
