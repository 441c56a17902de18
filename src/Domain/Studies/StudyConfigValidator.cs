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
            if (cond.Quota is < 1) errors.Add($"Condition '{cond.Key}': the quota must be at least 1 participant (leave it empty for no quota).");
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
            if (s.MinSeconds < 0) errors.Add($"Stage '{s.Key}': the minimum time cannot be negative.");
            if (s.TimeLimitSeconds is < 1) errors.Add($"Stage '{s.Key}': the time limit must be at least 1 second (leave it empty for none).");
            if (s.TimeLimitSeconds is { } limit && s.MinSeconds > limit)
                errors.Add($"Stage '{s.Key}': the minimum time ({s.MinSeconds} s) is longer than the time limit ({limit} s).");
            if (s.Kind is StageKind.Consent or StageKind.Debrief && (s.MinSeconds > 0 || s.TimeLimitSeconds is not null))
                errors.Add($"Stage '{s.Key}': consent and debrief pages cannot have a minimum time or a time limit.");
            foreach (var dup in (s.Survey?.Items ?? []).GroupBy(i => i.Key).Where(g => g.Count() > 1))
                errors.Add($"Question key '{dup.Key}' is used more than once in stage '{s.Key}'.");
            foreach (var item in s.Survey?.Items ?? [])
                ValidateItem(s, item, errors);
        }
        ValidateAssignment(c, errors);
        ValidateRecruitment(c.Recruitment, errors);
        return errors;
    }

    private static void ValidateItem(StageConfig s, SurveyItem item, List<string> errors) =>
        errors.AddRange(ValidateQuestion(item, $"Question '{item.Key}' in stage '{s.Key}'"));

    /// <summary>
    /// Problems with one question on its own (scale, choices, labels, attention check), each message starting with
    /// <paramref name="where"/>. Study surveys and annotation forms are checked by these same rules.
    /// </summary>
    public static IReadOnlyList<string> ValidateQuestion(SurveyItem item, string where)
    {
        var errors = new List<string>();
        var scaled = item.Kind is SurveyItemKind.Likert or SurveyItemKind.Slider;
        if (scaled && item.Min >= item.Max) errors.Add($"{where} needs min below max.");
        if (item.Kind == SurveyItemKind.Slider && item.Step <= 0) errors.Add($"{where} needs a slider step above 0.");
        if (item.Kind == SurveyItemKind.Slider && item.Step > 0 && item.Min < item.Max && (item.Max - item.Min) % item.Step != 0)
            errors.Add($"{where}: the slider step ({item.Step}) must divide the range {item.Min}–{item.Max}.");
        if (item.Kind == SurveyItemKind.MultipleChoice)
        {
            var options = item.Options ?? [];
            if (options.Count(o => !string.IsNullOrWhiteSpace(o)) < 2) errors.Add($"{where} needs at least two choices.");
            if (options.Any(string.IsNullOrWhiteSpace)) errors.Add($"{where} has an empty choice.");
            if (options.Distinct().Count() != options.Count) errors.Add($"{where} lists the same choice twice.");
        }
        if (item.Kind == SurveyItemKind.Likert && item.Labels is { } labels && item.Min < item.Max && labels.Count != item.Max - item.Min + 1)
            errors.Add($"{where} has {labels.Count} point labels but the scale has {item.Max - item.Min + 1} points.");
        if (item.ReverseCoded && !scaled) errors.Add($"{where}: only scale and slider questions can be reverse coded.");
        if (item.AttentionCheck is { } expected)
        {
            if (item.Kind is SurveyItemKind.TurnMark or SurveyItemKind.FreeText)
                errors.Add($"{where}: attention checks need a scale, slider, yes/no or multiple-choice question.");
            else if (!Surveys.SurveyScoring.IsValidAnswer(item, expected))
                errors.Add($"{where}: the expected answer '{expected}' of the attention check is not an answer the question allows.");
        }
        return errors;
    }

    private static void ValidateAssignment(StudyConfig c, List<string> errors)
    {
        if (c.Assignment.AbandonAfterMinutes < 1) errors.Add("Sessions must be silent at least 1 minute before they count as abandoned.");
        if (c.Assignment.Mode == AssignmentMode.UrlParameter)
        {
            var name = c.Assignment.UrlParameter;
            if (string.IsNullOrWhiteSpace(name))
                errors.Add("Assignment by link parameter needs the name of that parameter.");
            else if (!name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '_' or '-'))
                errors.Add($"The link parameter name '{name}' may only contain letters, digits, '-' and '_'.");
            else if (name is "PROLIFIC_PID" or "STUDY_ID" or "SESSION_ID" or "workerId" or "assignmentId" or "hitId" or "turkSubmitTo" or "problem")
                errors.Add($"The link parameter name '{name}' is already used by the platform; choose another.");
        }
    }

    private static void ValidateRecruitment(RecruitmentConfig r, List<string> errors)
    {
        if (r.MaxFailedAttentionChecks is < 0) errors.Add("The number of tolerated failed attention checks cannot be negative.");
        if (r.ScreenOutRedirectUrl is { Length: > 0 } url && !Uri.TryCreate(url, UriKind.Absolute, out _))
            errors.Add($"The screen-out redirect '{url}' is not a full web address (https://…).");
        if (r.ProlificCompletionUrl is { Length: > 0 } done && !Uri.TryCreate(done, UriKind.Absolute, out _))
            errors.Add($"The completion redirect '{done}' is not a full web address (https://…).");
    }
}
