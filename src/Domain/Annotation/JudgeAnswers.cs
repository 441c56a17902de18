using System.Globalization;
using System.Text.Json;
using InteractionLab.Domain.Studies;
using InteractionLab.Domain.Surveys;

namespace InteractionLab.Domain.Annotation;

/// <summary>
/// Reads an LM judge's JSON answer into the same answers a human submits: a scale's number inside its range, "yes"/"no",
/// one of a choice's options (case ignored, stored as written in the form), free text, and per-turn marks as "true" for
/// the listed AI turns and "false" for the others. An answer that is missing or outside what the form allows makes
/// the whole item unreadable (null with the reason): a judge's rating is stored whole or not at all. Fenced or chatty
/// JSON is tidied before this by the model pipeline (JSON mode).
/// </summary>
public static class JudgeAnswers
{
    /// <summary>The answers, or null and why not.</summary>
    public static (IReadOnlyList<SurveyAnswer>? Answers, string? Problem) Read(AnnotationProjectConfig config, ItemContent content, string json)
    {
        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(json);
            root = doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return (null, "the answer is not JSON");
        }
        if (root.ValueKind != JsonValueKind.Object) return (null, "the answer is not a JSON object");
        var answers = new List<SurveyAnswer>();
        foreach (var q in config.Form.Items)
        {
            if (!root.TryGetProperty(q.Key, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                if (q.Required && q.Kind != SurveyItemKind.TurnMark) return (null, $"no answer to '{q.Key}'");
                continue;
            }
            if (q.Kind == SurveyItemKind.TurnMark)
            {
                if (value.ValueKind != JsonValueKind.Array) return (null, $"'{q.Key}' is not a list of turns");
                var marked = value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out _)).Select(v => v.GetInt32()).ToHashSet();
                answers.AddRange((content.Turns ?? []).Where(t => t.Speaker == ItemContent.AiSpeaker)
                    .Select(t => new SurveyAnswer(q.Key, marked.Contains(t.Index) ? "true" : "false", t.Index)));
                continue;
            }
            if (Single(q, value) is not { } answer) return (null, $"'{q.Key}' is not one of the allowed answers");
            answers.Add(new SurveyAnswer(q.Key, answer));
        }
        return (answers, null);
    }

    private static string? Single(SurveyItem q, JsonElement value)
    {
        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!.Trim(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
            _ => null,
        };
        if (text is null) return null;
        switch (q.Kind)
        {
            case SurveyItemKind.Likert or SurveyItemKind.Slider:
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                    || number < q.Min || number > q.Max || (q.Kind == SurveyItemKind.Likert && number != Math.Floor(number))) return null;
                return number.ToString(CultureInfo.InvariantCulture);
            case SurveyItemKind.YesNo:
                return text.ToLowerInvariant() switch { "yes" or "true" => "yes", "no" or "false" => "no", _ => null };
            case SurveyItemKind.MultipleChoice:
                return q.Options?.FirstOrDefault(o => string.Equals(o, text, StringComparison.OrdinalIgnoreCase));
            default:
                return text;
        }
    }
}
