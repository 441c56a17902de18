using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Validation;

namespace InteractionLab.Domain.Annotation;

/// <summary>
/// Checks a project config before it is saved. Problems are keyed by field path (<see cref="FieldErrors"/>) (<c>form.items[2]</c>,
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
        var errors = new FieldErrors();

        if (string.IsNullOrWhiteSpace(c.Name)) errors.Add("name", "The project needs a name.");
        if (c.RatersPerItem is < 1 or > MaxRatersPerItem) errors.Add("ratersPerItem", $"Each item needs between 1 and {MaxRatersPerItem} raters.");
        if (c.LeaseMinutes is < 1 or > 24 * 60) errors.Add("leaseMinutes", "An annotator holds an item between 1 minute and 24 hours.");
        if (c.GoldEvery < 0) errors.Add("goldEvery", "Use 0 for no gold items, or n to mix one in every n items.");
        if (c.CapPerAnnotator is < 1) errors.Add("capPerAnnotator", "The cap must be at least 1 item (leave it empty for none).");
        if (c.ReviewThreshold is < 0 or > 1) errors.Add("reviewThreshold", "The review threshold is a share between 0 and 1.");
        if (c.QualificationPassShare is < 0 or > 1) errors.Add("qualificationPassShare", "The pass mark is a share between 0 and 1.");
        if (c.Filter.CompletedFrom is { } from && c.Filter.CompletedTo is { } to && from >= to)
            errors.Add("filter.completedTo", "The end of the date window must come after its start.");

        var items = c.Form.Items;
        if (items.Count == 0) errors.Add("form.items", "The rating form needs at least one question.");
        var conversation = c.Target is AnnotationTarget.Transcript or AnnotationTarget.ModelTurn or AnnotationTarget.Manual;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var path = $"form.items[{i}]";
            if (string.IsNullOrWhiteSpace(item.Key)) errors.Add(path + ".key", "The question needs a key (its column in the data).");
            if (string.IsNullOrWhiteSpace(item.Prompt)) errors.Add(path + ".prompt", "The question needs its text.");
            StudyConfigValidator.ValidateQuestion(item, $"Question '{item.Key}'", path, errors);
            if (item.Kind == SurveyItemKind.TurnMark && !conversation)
                errors.Add(path, $"Question '{item.Key}' marks turns, but {c.Target} items have no conversation to mark.");
        }
        foreach (var dup in items.GroupBy(i => i.Key).Where(g => g.Count() > 1))
            errors.Add("form.items", $"Question key '{dup.Key}' is used more than once.");
        foreach (var key in (c.Levels ?? new Dictionary<string, MeasurementLevel>()).Keys.Where(k => items.All(i => i.Key != k)))
            errors.Add($"levels.{key}", $"There is no question '{key}' to set a level of measurement for.");
        errors.AddAll(c.Redaction.Validate(), "redaction.");
        if (c.Access != AnnotatorAccess.Staff && c.Recruitment.ProlificCompletionUrl is { Length: > 0 } url && !Uri.TryCreate(url, UriKind.Absolute, out _))
            errors.Add("recruitment.prolificCompletionUrl", $"'{url}' is not a full web address (https://…).");
        return errors.ToDictionary();
    }
}
