using System.Text.RegularExpressions;
using InteractionLab.Api.Stimuli;
using InteractionLab.Api.Tasks;
using InteractionLab.Domain.Studies;

namespace InteractionLab.Api.Studies;

/// <summary>
/// Every problem of a config, keyed by the field it concerns (<c>stages[2].survey.items[0].max</c>,
/// <c>conditions[1].decoding.temperature</c>, <c>title</c>), so the builder can show each next to its field.
/// The platform's <see cref="StudyConfigValidator"/> decides what is valid; its messages are attached to the
/// stage, question or condition they name, and the builder adds the checks only a form needs (empty keys,
/// choices without options, timings). Messages that name nothing go under <see cref="General"/>.
/// </summary>
public static partial class StudyConfigProblems
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
        var found = Find(c).ToDictionary(p => p.Key, p => p.Value.ToList());
        foreach (var (field, message) in TaskStageProblems.Find(c, catalog, setKinds))
        {
            if (!found.TryGetValue(field, out var list)) found[field] = list = [];
            if (!list.Contains(message)) list.Add(message);
        }
        return found.ToDictionary(p => p.Key, p => p.Value.ToArray());
    }

    /// <summary>Problems by field path that need neither the catalog nor the stimulus sets.</summary>
    public static IReadOnlyDictionary<string, string[]> Find(StudyConfig c)
    {
        var found = new Dictionary<string, List<string>>();
        void Add(string field, string message)
        {
            if (!found.TryGetValue(field, out var list)) found[field] = list = [];
            if (!list.Contains(message)) list.Add(message);
        }

        foreach (var message in StudyConfigValidator.Validate(c)) Add(FieldOf(c, message), message);
        for (var i = 0; i < c.Stages.Count; i++) CheckStage(c.Stages[i], $"stages[{i}]", Add);
        for (var i = 0; i < c.Conditions.Count; i++)
        {
            var cond = c.Conditions[i];
            var at = $"conditions[{i}]";
            if (string.IsNullOrWhiteSpace(cond.Key)) Add(at + ".key", "Every condition needs a key.");
            if (string.IsNullOrWhiteSpace(cond.ParticipantLabel)) Add(at + ".participantLabel", $"Condition '{cond.Key}' needs a label to show participants.");
            if (string.IsNullOrWhiteSpace(cond.Model.Endpoint)) Add(at + ".model.endpoint", $"Condition '{cond.Key}' needs a model endpoint.");
            if (string.IsNullOrWhiteSpace(cond.Model.Model)) Add(at + ".model.model", $"Condition '{cond.Key}' needs a model id.");
            if (cond.Quota is < 1) Add(at + ".quota", $"Condition '{cond.Key}': a quota must be at least 1 (leave it empty for no quota).");
            if (cond.Decoding.TopP is <= 0 or > 1) Add(at + ".decoding.topP", $"Condition '{cond.Key}': top-p must be above 0 and at most 1.");
            if (string.IsNullOrWhiteSpace(cond.Prompt.Template)) Add(at + ".prompt.template", $"Condition '{cond.Key}' needs a prompt.");
        }
        if (c.Assignment.AbandonAfterMinutes < 1) Add("assignment.abandonAfterMinutes", "Abandonment needs at least 1 minute.");
        if (c.Assignment.Mode == AssignmentMode.UrlParameter && !UrlParameterName().IsMatch(c.Assignment.UrlParameter))
            Add("assignment.urlParameter", "The URL parameter needs a name of letters, digits, '-' or '_'.");
        if (c.Recruitment.MaxFailedAttentionChecks is < 0)
            Add("recruitment.maxFailedAttentionChecks", "Failed attention checks tolerated cannot be negative.");
        if (c.Recruitment.Platform == RecruitmentPlatform.Prolific && !IsHttpUrl(c.Recruitment.ProlificCompletionUrl, allowEmpty: true))
            Add("recruitment.prolificCompletionUrl", "The Prolific completion URL must start with https:// or http://.");
        if (c.Recruitment.AutoRedirectSeconds is < RecruitmentConfig.MinAutoRedirectSeconds or > RecruitmentConfig.MaxAutoRedirectSeconds)
            Add("recruitment.autoRedirectSeconds", $"The automatic return takes {RecruitmentConfig.MinAutoRedirectSeconds} to {RecruitmentConfig.MaxAutoRedirectSeconds} seconds (leave it empty for a button only).");
        if (!IsHttpUrl(c.Recruitment.ScreenOutRedirectUrl, allowEmpty: true))
            Add("recruitment.screenOutRedirectUrl", "The screen-out URL must start with https:// or http://.");
        return found.ToDictionary(p => p.Key, p => p.Value.ToArray());
    }

    private static void CheckStage(StageConfig s, string at, Action<string, string> add)
    {
        if (string.IsNullOrWhiteSpace(s.Key)) add(at + ".key", "Every stage needs a key.");
        if (string.IsNullOrWhiteSpace(s.Title)) add(at + ".title", $"Stage '{s.Key}' needs a title.");
        if (s.MinSeconds < 0) add(at + ".minSeconds", "The minimum time cannot be negative.");
        if (s.TimeLimitSeconds is { } limit && (limit < 1 || limit <= s.MinSeconds))
            add(at + ".timeLimitSeconds", "The time limit must be longer than the minimum time.");
        if (s.Kind is StageKind.Consent or StageKind.Instructions or StageKind.Debrief && string.IsNullOrWhiteSpace(s.Body))
            add(at + ".body", $"Stage '{s.Key}' needs a text.");
        if (s.Task is { } task)
        {
            if (task.MinTurns < 0) add(at + ".task.minTurns", "The minimum number of messages cannot be negative.");
            if (task.MaxTurns < Math.Max(1, task.MinTurns)) add(at + ".task.maxTurns", "The maximum number of messages must be at least the minimum (and at least 1).");
        }
        var items = s.Survey?.Items ?? [];
        foreach (var dup in items.GroupBy(i => i.Key).Where(g => g.Count() > 1))
            add(at + ".survey", $"Question key '{dup.Key}' is used more than once in stage '{s.Key}'.");
        for (var j = 0; j < items.Count; j++)
        {
            var item = items[j];
            var it = $"{at}.survey.items[{j}]";
            if (string.IsNullOrWhiteSpace(item.Key)) add(it + ".key", "Every question needs a key.");
            if (string.IsNullOrWhiteSpace(item.Prompt)) add(it + ".prompt", $"Question '{item.Key}' needs a text.");
            if (item.Kind is SurveyItemKind.Likert or SurveyItemKind.Slider && item.Min >= item.Max)
                add(it + ".max", "The highest value must be above the lowest.");
            if (item.Kind == SurveyItemKind.Slider && (item.Step < 1 || item.Step > item.Max - item.Min))
                add(it + ".step", "The step must be at least 1 and fit between the lowest and highest value.");
            if (item.Kind == SurveyItemKind.Likert && item.Labels is { Count: > 0 } labels && labels.Count != item.Max - item.Min + 1)
                add(it + ".labels", $"Give one label per point ({item.Max - item.Min + 1}) or none.");
            if (item.Kind == SurveyItemKind.MultipleChoice && (item.Options is null || item.Options.Count(o => !string.IsNullOrWhiteSpace(o)) < 2))
                add(it + ".options", "A multiple-choice question needs at least two options.");
            if (item.AttentionCheck is { } expected && !Accepts(item, expected))
                add(it + ".attentionCheck", $"'{expected}' is not an answer this question accepts.");
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

    private static bool IsHttpUrl(string? url, bool allowEmpty) =>
        string.IsNullOrWhiteSpace(url) ? allowEmpty
            : Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp);

    // The validator names stages, conditions and questions by key in quotes; find where they are.
    private static string FieldOf(StudyConfig c, string message)
    {
        if (QuestionInStage().Match(message) is { Success: true } q)
        {
            var si = IndexOf(c.Stages.Select(s => s.Key), q.Groups[2].Value);
            var qi = si < 0 ? -1 : IndexOf((c.Stages[si].Survey?.Items ?? []).Select(i => i.Key), q.Groups[1].Value);
            if (qi >= 0) return $"stages[{si}].survey.items[{qi}]";
        }
        if (NamedStage().Match(message) is { Success: true } st && IndexOf(c.Stages.Select(s => s.Key), st.Groups[1].Value) is >= 0 and var i)
            return message.StartsWith("Survey stage", StringComparison.Ordinal) ? $"stages[{i}].survey" : $"stages[{i}]";
        if (NamedCondition().Match(message) is { Success: true } co && IndexOf(c.Conditions.Select(x => x.Key), co.Groups[1].Value) is >= 0 and var k)
            return $"conditions[{k}]";
        if (message.Contains("title", StringComparison.OrdinalIgnoreCase)) return "title";
        if (message.Contains("condition", StringComparison.OrdinalIgnoreCase)) return "conditions";
        if (message.Contains("stage", StringComparison.OrdinalIgnoreCase)) return "stages";
        return General;
    }

    private static int IndexOf(IEnumerable<string> keys, string key) => keys.ToList().IndexOf(key);

    [GeneratedRegex("^Question '([^']*)' in stage '([^']*)'")]
    private static partial Regex QuestionInStage();

    [GeneratedRegex("[Ss]tage (?:key )?'([^']*)'")]
    private static partial Regex NamedStage();

    [GeneratedRegex("[Cc]ondition (?:key )?'([^']*)'")]
    private static partial Regex NamedCondition();

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex UrlParameterName();
}
