using InteractionLab.Domain.Studies;

namespace InteractionLab.Domain.Annotation;

/// <summary>
/// Checks a project config before it is saved. Problems are keyed by field path (<c>form.items[2]</c>,
/// <c>redaction.patterns[0]</c>) so the admin form and the REST client can put each next to its field. The form's
/// questions are checked by the same rules as a study's survey questions.
/// </summary>
public static class AnnotationProjectValidator
{
    /// <summary>Most raters per item.</summary>
    public const int MaxRatersPerItem = 20;

    /// <summary>All problems, by field path (empty when valid).</summary>
    public static IReadOnlyDictionary<string, string[]> Validate(AnnotationProjectConfig c)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string path, string message)
        {
            if (!errors.TryGetValue(path, out var list)) errors[path] = list = [];
            list.Add(message);
        }

        if (string.IsNullOrWhiteSpace(c.Name)) Add("name", "The project needs a name.");
        if (c.RatersPerItem is < 1 or > MaxRatersPerItem) Add("ratersPerItem", $"Each item needs between 1 and {MaxRatersPerItem} raters.");
        if (c.LeaseMinutes is < 1 or > 24 * 60) Add("leaseMinutes", "An annotator holds an item between 1 minute and 24 hours.");
        if (c.GoldEvery < 0) Add("goldEvery", "Use 0 for no gold items, or n to mix one in every n items.");
        if (c.CapPerAnnotator is < 1) Add("capPerAnnotator", "The cap must be at least 1 item (leave it empty for none).");
        if (c.ReviewThreshold is < 0 or > 1) Add("reviewThreshold", "The review threshold is a share between 0 and 1.");
        if (c.QualificationPassShare is < 0 or > 1) Add("qualificationPassShare", "The pass mark is a share between 0 and 1.");
        if (c.Filter.CompletedFrom is { } from && c.Filter.CompletedTo is { } to && from >= to)
            Add("filter.completedTo", "The end of the date window must come after its start.");

        var items = c.Form.Items;
        if (items.Count == 0) Add("form.items", "The rating form needs at least one question.");
        var conversation = c.Target is AnnotationTarget.Transcript or AnnotationTarget.ModelTurn or AnnotationTarget.Manual;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var path = $"form.items[{i}]";
            if (string.IsNullOrWhiteSpace(item.Key)) Add(path + ".key", "The question needs a key (its column in the data).");
            if (string.IsNullOrWhiteSpace(item.Prompt)) Add(path + ".prompt", "The question needs its text.");
            foreach (var problem in StudyConfigValidator.ValidateQuestion(item, $"Question '{item.Key}'")) Add(path, problem);
            if (item.Kind == SurveyItemKind.TurnMark && !conversation)
                Add(path, $"Question '{item.Key}' marks turns, but {c.Target} items have no conversation to mark.");
        }
        foreach (var dup in items.GroupBy(i => i.Key).Where(g => g.Count() > 1))
            Add("form.items", $"Question key '{dup.Key}' is used more than once.");
        foreach (var key in (c.Levels ?? new Dictionary<string, MeasurementLevel>()).Keys.Where(k => items.All(i => i.Key != k)))
            Add($"levels.{key}", $"There is no question '{key}' to set a level of measurement for.");
        foreach (var (path, messages) in c.Redaction.Validate())
            foreach (var m in messages) Add("redaction." + path, m);
        if (c.Access != AnnotatorAccess.Staff && c.Recruitment.ProlificCompletionUrl is { Length: > 0 } url && !Uri.TryCreate(url, UriKind.Absolute, out _))
            Add("recruitment.prolificCompletionUrl", $"'{url}' is not a full web address (https://…).");
        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }
}
