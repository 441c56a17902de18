using InteractionLab.Domain.Validation;

namespace InteractionLab.Domain.Studies;

/// <summary>
/// Checks a study config before it is frozen; every message a researcher can act on is kept at the path of the field
/// it concerns (<see cref="FieldErrors"/>: <c>conditions[1].decoding.temperature</c>, <c>stages[2].survey.items[0]</c>),
/// so the builder and the REST client can show it beside that field.
/// </summary>
public static class StudyConfigValidator
{
    /// <summary>All problems found, as messages only (empty when valid); for logs and start-up checks.</summary>
    public static IReadOnlyList<string> Validate(StudyConfig c) => FieldErrors.Messages(Find(c));

    /// <summary>All problems found, by field path (empty when valid).</summary>
    public static IReadOnlyDictionary<string, string[]> Find(StudyConfig c)
    {
        var errors = new FieldErrors();
        Find(c, errors);
        return errors.ToDictionary();
    }

    /// <summary>Adds every problem of <paramref name="c"/> to <paramref name="errors"/>.</summary>
    public static void Find(StudyConfig c, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(c.Title)) errors.Add("title", "The study needs a title.");
        if (c.Conditions.Count == 0) errors.Add("conditions", "The study needs at least one condition.");
        if (c.Stages.Count == 0) errors.Add("stages", "The study needs at least one stage.");
        foreach (var dup in c.Stages.Select((s, i) => (s.Key, i)).GroupBy(s => s.Key).Where(g => g.Count() > 1))
            errors.Add($"stages[{dup.First().i}].key", $"Stage key '{dup.Key}' is used more than once.");
        foreach (var dup in c.Conditions.Select((s, i) => (s.Key, i)).GroupBy(s => s.Key).Where(g => g.Count() > 1))
            errors.Add($"conditions[{dup.First().i}].key", $"Condition key '{dup.Key}' is used more than once.");
        for (var i = 0; i < c.Conditions.Count; i++)
        {
            var cond = c.Conditions[i];
            var at = $"conditions[{i}]";
            if (cond.Weight < 1) errors.Add(at + ".weight", $"Condition '{cond.Key}' needs a weight of at least 1.");
            if (cond.Quota is < 1) errors.Add(at + ".quota", $"Condition '{cond.Key}': the quota must be at least 1 participant (leave it empty for no quota).");
            if (cond.Decoding.MaxTokens is < 1 or > 4096)
                errors.Add(at + ".decoding.maxTokens", $"Condition '{cond.Key}': max tokens must be between 1 and 4096.");
            if (cond.Decoding.Temperature is < 0 or > 2)
                errors.Add(at + ".decoding.temperature", $"Condition '{cond.Key}': temperature must be between 0 and 2.");
        }
        for (var i = 0; i < c.Stages.Count; i++)
        {
            var s = c.Stages[i];
            var at = $"stages[{i}]";
            if (s.Kind == StageKind.Task && s.Task is null) errors.Add(at + ".task", $"Task stage '{s.Key}' has no task settings.");
            if (s.Kind == StageKind.Survey && (s.Survey is null || s.Survey.Items.Count == 0))
                errors.Add(at + ".survey", $"Survey stage '{s.Key}' has no questions.");
            if (s.MinSeconds < 0) errors.Add(at + ".minSeconds", $"Stage '{s.Key}': the minimum time cannot be negative.");
            if (s.TimeLimitSeconds is < 1) errors.Add(at + ".timeLimitSeconds", $"Stage '{s.Key}': the time limit must be at least 1 second (leave it empty for none).");
            if (s.TimeLimitSeconds is { } limit && s.MinSeconds > limit)
                errors.Add(at + ".timeLimitSeconds", $"Stage '{s.Key}': the minimum time ({s.MinSeconds} s) is longer than the time limit ({limit} s).");
            if (s.Kind is StageKind.Consent or StageKind.Debrief && (s.MinSeconds > 0 || s.TimeLimitSeconds is not null))
                errors.Add(at + ".minSeconds", $"Stage '{s.Key}': consent and debrief pages cannot have a minimum time or a time limit.");
            foreach (var dup in (s.Survey?.Items ?? []).GroupBy(i => i.Key).Where(g => g.Count() > 1))
                errors.Add(at + ".survey", $"Question key '{dup.Key}' is used more than once in stage '{s.Key}'.");
            var items = s.Survey?.Items ?? [];
            for (var j = 0; j < items.Count; j++)
                ValidateQuestion(items[j], $"Question '{items[j].Key}' in stage '{s.Key}'", $"{at}.survey.items[{j}]", errors);
        }
        ValidateAssignment(c, errors);
        ValidateRecruitment(c.Recruitment, errors);
    }

    /// <summary>
    /// Problems with one question on its own (scale, choices, labels, attention check), each message starting with
    /// <paramref name="where"/> and kept at <paramref name="path"/>. Study surveys and annotation forms are checked by
    /// these same rules.
    /// </summary>
    public static void ValidateQuestion(SurveyItem item, string where, string path, FieldErrors found)
    {
        var scaled = item.Kind is SurveyItemKind.Likert or SurveyItemKind.Slider;
        if (scaled && item.Min >= item.Max) found.Add(path, $"{where} needs min below max.");
        if (item.Kind == SurveyItemKind.Slider && item.Step <= 0) found.Add(path, $"{where} needs a slider step above 0.");
        if (item.Kind == SurveyItemKind.Slider && item.Step > 0 && item.Min < item.Max && (item.Max - item.Min) % item.Step != 0)
            found.Add(path, $"{where}: the slider step ({item.Step}) must divide the range {item.Min}–{item.Max}.");
        if (item.Kind == SurveyItemKind.MultipleChoice)
        {
            var options = item.Options ?? [];
            if (options.Count(o => !string.IsNullOrWhiteSpace(o)) < 2) found.Add(path, $"{where} needs at least two choices.");
            if (options.Any(string.IsNullOrWhiteSpace)) found.Add(path, $"{where} has an empty choice.");
            if (options.Distinct().Count() != options.Count) found.Add(path, $"{where} lists the same choice twice.");
        }
        if (item.Kind == SurveyItemKind.Likert && item.Labels is { } labels && item.Min < item.Max && labels.Count != item.Max - item.Min + 1)
            found.Add(path, $"{where} has {labels.Count} point labels but the scale has {item.Max - item.Min + 1} points.");
        if (item.ReverseCoded && !scaled) found.Add(path, $"{where}: only scale and slider questions can be reverse coded.");
        if (item.AttentionCheck is { } expected)
        {
            if (item.Kind is SurveyItemKind.TurnMark or SurveyItemKind.FreeText)
                found.Add(path, $"{where}: attention checks need a scale, slider, yes/no or multiple-choice question.");
            else if (!Surveys.SurveyScoring.IsValidAnswer(item, expected))
                found.Add(path, $"{where}: the expected answer '{expected}' of the attention check is not an answer the question allows.");
        }
    }

    private static void ValidateAssignment(StudyConfig c, FieldErrors errors)
    {
        const string at = "assignment.urlParameter";
        if (c.Assignment.AbandonAfterMinutes < 1) errors.Add("assignment.abandonAfterMinutes", "Sessions must be silent at least 1 minute before they count as abandoned.");
        if (c.Assignment.Mode == AssignmentMode.UrlParameter)
        {
            var name = c.Assignment.UrlParameter;
            if (string.IsNullOrWhiteSpace(name))
                errors.Add(at, "Assignment by link parameter needs the name of that parameter.");
            else if (!name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '_' or '-'))
                errors.Add(at, $"The link parameter name '{name}' may only contain letters, digits, '-' and '_'.");
            else if (name is "PROLIFIC_PID" or "STUDY_ID" or "SESSION_ID" or "workerId" or "assignmentId" or "hitId" or "turkSubmitTo" or "problem")
                errors.Add(at, $"The link parameter name '{name}' is already used by the platform; choose another.");
        }
    }

    private static void ValidateRecruitment(RecruitmentConfig r, FieldErrors errors)
    {
        if (r.MaxFailedAttentionChecks is < 0) errors.Add("recruitment.maxFailedAttentionChecks", "The number of tolerated failed attention checks cannot be negative.");
        if (r.ScreenOutRedirectUrl is { Length: > 0 } url && !Uri.TryCreate(url, UriKind.Absolute, out _))
            errors.Add("recruitment.screenOutRedirectUrl", $"The screen-out redirect '{url}' is not a full web address (https://…).");
        if (r.ProlificCompletionUrl is { Length: > 0 } done && !Uri.TryCreate(done, UriKind.Absolute, out _))
            errors.Add("recruitment.prolificCompletionUrl", $"The completion redirect '{done}' is not a full web address (https://…).");
    }
}
