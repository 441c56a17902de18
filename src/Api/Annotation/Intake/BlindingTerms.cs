using InteractionLab.Domain.Studies;

namespace InteractionLab.Api.Annotation.Intake;

/// <summary>
/// Words that would tell an annotator the condition, collected from the study config and the model registry:
/// model ids (whole and their last path segment), endpoint names, condition keys, and the condition labels when
/// they differ between conditions (a label every condition shares reveals nothing). Generic words that name no
/// model ("local", "chatbot", "assistant"…) are left alone, as are terms shorter than three characters.
/// </summary>
public static class BlindingTerms
{
    private static readonly HashSet<string> Generic = new(StringComparer.OrdinalIgnoreCase)
    {
        "local", "default", "chatbot", "assistant", "ai", "model", "bot", "chat", "partner", "ai assistant", "ai teammate",
    };

    /// <summary>The terms of <paramref name="config"/> plus the registry's endpoint names and models, plus <paramref name="extra"/>.</summary>
    public static IReadOnlyList<string> For(StudyConfig config, IEnumerable<(string Endpoint, IEnumerable<string> Models)> registry, IEnumerable<string?> extra)
    {
        var terms = new List<string>();
        void AddModel(string? model)
        {
            if (string.IsNullOrWhiteSpace(model)) return;
            terms.Add(model);
            if (model.LastIndexOf('/') is var slash and >= 0 && slash < model.Length - 1) terms.Add(model[(slash + 1)..]);
        }

        foreach (var condition in config.Conditions)
        {
            terms.Add(condition.Key);
            terms.Add(condition.Model.Endpoint);
            AddModel(condition.Model.Model);
        }
        if (config.Conditions.Select(c => c.ParticipantLabel.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Count() > 1)
            terms.AddRange(config.Conditions.Select(c => c.ParticipantLabel));
        foreach (var (endpoint, models) in registry)
        {
            terms.Add(endpoint);
            foreach (var model in models) AddModel(model);
        }
        terms.AddRange(extra.OfType<string>());
        return terms.Select(t => t.Trim()).Where(t => t.Length >= 3 && !Generic.Contains(t))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }
}
