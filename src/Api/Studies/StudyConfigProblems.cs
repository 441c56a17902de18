using InteractionLab.Api.Stimuli;
using InteractionLab.Api.Tasks;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Validation;

namespace InteractionLab.Api.Studies;

/// <summary>
/// Every problem of a config, keyed by the field it concerns (<c>stages[2].survey.items[0].max</c>,
/// <c>conditions[1].decoding.temperature</c>, <c>title</c>), so the builder can show each next to its field and REST
/// returns them as a ValidationProblem. The platform's <see cref="StudyConfigValidator"/> decides what may be
/// frozen (and says where); the builder adds the checks only a form needs (empty keys, labels, choices without
/// options, timings) and <see cref="TaskStageProblems"/> the checks against the task catalog and stimulus sets.
/// </summary>
public static class StudyConfigProblems
{
    /// <summary>Key of problems that concern the study as a whole.</summary>
    public const string General = "config";

    /// <summary>
    /// Problems by field path, including the task stages' checks against the catalog and the stimulus sets
    /// (<see cref="TaskStageProblems"/>); empty when the config can be saved.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string[]>> FindAsync(StudyConfig c, TaskCatalog catalog, StimulusStore stimuli, CancellationToken ct = default)
    {
        var setKinds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in TaskStageProblems.SetKeys(c))
            if (await stimuli.GetAsync(key, ct) is { } set) setKinds[key] = set.Kind;
        var found = Collect(c);
        TaskStageProblems.Find(c, catalog, setKinds, found);
        return found.ToDictionary();
    }

    /// <summary>Problems by field path that need neither the catalog nor the stimulus sets.</summary>
    public static IReadOnlyDictionary<string, string[]> Find(StudyConfig c) => Collect(c).ToDictionary();

    private static FieldErrors Collect(StudyConfig c)
    {
        var found = new FieldErrors();
        StudyConfigValidator.Find(c, found);
        for (var i = 0; i < c.Stages.Count; i++) CheckStage(c.Stages[i], $"stages[{i}]", found);
        for (var i = 0; i < c.Conditions.Count; i++)
        {
            var cond = c.Conditions[i];
            var at = $"conditions[{i}]";
            if (string.IsNullOrWhiteSpace(cond.Key)) found.Add(at + ".key", "Every condition needs a key.");
            if (string.IsNullOrWhiteSpace(cond.ParticipantLabel)) found.Add(at + ".participantLabel", $"Condition '{cond.Key}' needs a label to show participants.");
            if (string.IsNullOrWhiteSpace(cond.Model.Endpoint)) found.Add(at + ".model.endpoint", $"Condition '{cond.Key}' needs a model endpoint.");
            if (string.IsNullOrWhiteSpace(cond.Model.Model)) found.Add(at + ".model.model", $"Condition '{cond.Key}' needs a model id.");
            if (cond.Decoding.TopP is <= 0 or > 1) found.Add(at + ".decoding.topP", $"Condition '{cond.Key}': top-p must be above 0 and at most 1.");
            if (string.IsNullOrWhiteSpace(cond.Prompt.Template)) found.Add(at + ".prompt.template", $"Condition '{cond.Key}' needs a prompt.");
        }
        // A web address the validator accepts (absolute) may still be one a browser cannot be sent to.
        if (c.Recruitment.Platform == RecruitmentPlatform.Prolific && IsOtherScheme(c.Recruitment.ProlificCompletionUrl))
            found.Add("recruitment.prolificCompletionUrl", "The Prolific completion URL must start with https:// or http://.");
        if (c.Recruitment.AutoRedirectSeconds is < RecruitmentConfig.MinAutoRedirectSeconds or > RecruitmentConfig.MaxAutoRedirectSeconds)
            found.Add("recruitment.autoRedirectSeconds", $"The automatic return takes {RecruitmentConfig.MinAutoRedirectSeconds} to {RecruitmentConfig.MaxAutoRedirectSeconds} seconds (leave it empty for a button only).");
        if (IsOtherScheme(c.Recruitment.ScreenOutRedirectUrl))
            found.Add("recruitment.screenOutRedirectUrl", "The screen-out URL must start with https:// or http://.");
        return found;
    }

    private static void CheckStage(StageConfig s, string at, FieldErrors found)
    {
        if (string.IsNullOrWhiteSpace(s.Key)) found.Add(at + ".key", "Every stage needs a key.");
        if (string.IsNullOrWhiteSpace(s.Title)) found.Add(at + ".title", $"Stage '{s.Key}' needs a title.");
        // The validator refuses a limit under 1 s or under the minimum; a form also wants it longer than an equal minimum.
        if (s.TimeLimitSeconds is { } limit && limit >= 1 && limit == s.MinSeconds)
            found.Add(at + ".timeLimitSeconds", "The time limit must be longer than the minimum time.");
        if (s.Kind is StageKind.Consent or StageKind.Instructions or StageKind.Debrief && string.IsNullOrWhiteSpace(s.Body))
            found.Add(at + ".body", $"Stage '{s.Key}' needs a text.");
        if (s.Task is { } task)
        {
            if (task.MinTurns < 0) found.Add(at + ".task.minTurns", "The minimum number of messages cannot be negative.");
            if (task.MaxTurns < Math.Max(1, task.MinTurns)) found.Add(at + ".task.maxTurns", "The maximum number of messages must be at least the minimum (and at least 1).");
        }
        var items = s.Survey?.Items ?? [];
        for (var j = 0; j < items.Count; j++)
        {
            var item = items[j];
            var it = $"{at}.survey.items[{j}]";
            if (string.IsNullOrWhiteSpace(item.Key)) found.Add(it + ".key", "Every question needs a key.");
            if (string.IsNullOrWhiteSpace(item.Prompt)) found.Add(it + ".prompt", $"Question '{item.Key}' needs a text.");
            if (item.Kind is SurveyItemKind.Likert or SurveyItemKind.Slider && item.Min >= item.Max)
                found.Add(it + ".max", "The highest value must be above the lowest.");
            if (item.Kind == SurveyItemKind.Slider && (item.Step < 1 || item.Step > item.Max - item.Min))
                found.Add(it + ".step", "The step must be at least 1 and fit between the lowest and highest value.");
            if (item.Kind == SurveyItemKind.Likert && item.Labels is { Count: > 0 } labels && labels.Count != item.Max - item.Min + 1)
                found.Add(it + ".labels", $"Give one label per point ({item.Max - item.Min + 1}) or none.");
            if (item.Kind == SurveyItemKind.MultipleChoice && (item.Options is null || item.Options.Count(o => !string.IsNullOrWhiteSpace(o)) < 2))
                found.Add(it + ".options", "A multiple-choice question needs at least two options.");
            if (item.AttentionCheck is { } expected && !Accepts(item, expected))
                found.Add(it + ".attentionCheck", $"'{expected}' is not an answer this question accepts.");
        }
    }

    // Whether a participant could give the expected answer of an attention check at all.
    private static bool Accepts(SurveyItem item, string expected) => item.Kind switch
    {
        SurveyItemKind.Likert or SurveyItemKind.Slider => int.TryParse(expected, out var v) && v >= item.Min && v <= item.Max,
        SurveyItemKind.YesNo => expected is "yes" or "no",
        SurveyItemKind.MultipleChoice => item.Options?.Contains(expected) == true,
        SurveyItemKind.FreeText => expected.Length > 0,
        _ => false,
    };

    // Absolute but not a web address (an absolute address is the validator's check; an empty one is allowed).
    private static bool IsOtherScheme(string? url) =>
        !string.IsNullOrWhiteSpace(url) && Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme != Uri.UriSchemeHttps && u.Scheme != Uri.UriSchemeHttp;
}
