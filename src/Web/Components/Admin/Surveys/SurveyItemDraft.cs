using InteractionLab.Domain.Studies;

namespace InteractionLab.Web.Components.Admin.Surveys;

/// <summary>
/// A survey question while it is being edited: mutable so form fields can bind to it, turned back into the
/// immutable <see cref="SurveyItem"/> on save. Lists are edited as one entry per line.
/// </summary>
public sealed class SurveyItemDraft
{
    /// <summary>Data column name.</summary>
    public string Key { get; set; } = "";
    /// <summary>Kind of answer.</summary>
    public SurveyItemKind Kind { get; set; } = SurveyItemKind.Likert;
    /// <summary>Question text.</summary>
    public string Prompt { get; set; } = "";
    /// <summary>Lowest value (Likert, slider).</summary>
    public int Min { get; set; } = 1;
    /// <summary>Highest value (Likert, slider).</summary>
    public int Max { get; set; } = 5;
    /// <summary>Slider step.</summary>
    public int Step { get; set; } = 1;
    /// <summary>Label of the lowest value.</summary>
    public string MinLabel { get; set; } = "";
    /// <summary>Label of the highest value.</summary>
    public string MaxLabel { get; set; } = "";
    /// <summary>Per-point labels, one per line (Likert; empty = end labels only).</summary>
    public string Labels { get; set; } = "";
    /// <summary>Options, one per line (multiple choice).</summary>
    public string Options { get; set; } = "";
    /// <summary>Whether an answer is required.</summary>
    public bool Required { get; set; } = true;
    /// <summary>Scored as Min + Max − answer.</summary>
    public bool ReverseCoded { get; set; }
    /// <summary>Expected answer when the item is an attention check (empty = not a check).</summary>
    public string AttentionCheck { get; set; } = "";

    /// <summary>A draft of <paramref name="item"/>.</summary>
    public static SurveyItemDraft From(SurveyItem item) => new()
    {
        Key = item.Key, Kind = item.Kind, Prompt = item.Prompt, Min = item.Min, Max = item.Max, Step = item.Step,
        MinLabel = item.MinLabel ?? "", MaxLabel = item.MaxLabel ?? "", Labels = string.Join('\n', item.Labels ?? []),
        Options = string.Join('\n', item.Options ?? []), Required = item.Required, ReverseCoded = item.ReverseCoded,
        AttentionCheck = item.AttentionCheck ?? "",
    };

    /// <summary>The item as configured; settings that do not apply to the kind are left out.</summary>
    public SurveyItem ToItem()
    {
        var scaled = Kind is SurveyItemKind.Likert or SurveyItemKind.Slider;
        var labels = Lines(Labels);
        var options = Lines(Options);
        return new SurveyItem(Key.Trim(), Kind, Prompt.Trim(),
            Min: scaled ? Min : 1, Max: scaled ? Max : 5,
            MinLabel: scaled ? Blank(MinLabel) : null, MaxLabel: scaled ? Blank(MaxLabel) : null,
            Required: Kind != SurveyItemKind.TurnMark && Required,
            Options: Kind == SurveyItemKind.MultipleChoice ? options : null,
            Step: Kind == SurveyItemKind.Slider ? Step : 1,
            ReverseCoded: scaled && ReverseCoded,
            AttentionCheck: Kind == SurveyItemKind.TurnMark ? null : Blank(AttentionCheck),
            Labels: Kind == SurveyItemKind.Likert && labels.Count > 0 ? labels : null);
    }

    /// <summary>Non-empty trimmed lines.</summary>
    public static List<string> Lines(string text) =>
        text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

    private static string? Blank(string s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
