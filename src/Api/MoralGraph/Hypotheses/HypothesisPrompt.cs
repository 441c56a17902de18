using System.Text;
using InteractionLab.Api.LanguageModels;

namespace InteractionLab.Api.MoralGraph.Hypotheses;

/// <summary>
/// The prompt file <c>Prompts/wiser-hypotheses.md</c> (embedded): one system prompt per generation step under a
/// <c>## step</c> heading, and the SHA-256 of the whole file, stored with every hypothesis it produced.
/// </summary>
public sealed class HypothesisPrompt
{
    /// <summary>Step that proposes contexts when the study names none.</summary>
    public const string Contexts = "contexts";
    /// <summary>Step that groups the values by context.</summary>
    public const string Group = "group";
    /// <summary>Step that writes the stories of one context.</summary>
    public const string Stories = "stories";

    private const string Resource = "InteractionLab.Api.MoralGraph.Hypotheses.Prompts.wiser-hypotheses.md";
    private readonly Dictionary<string, string> _steps;

    private HypothesisPrompt(PromptFile file)
    {
        var text = file.Text;
        Text = text;
        Hash = file.Sha256;
        _steps = [];
        string? step = null;
        var body = new StringBuilder();
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                if (step is not null) _steps[step] = body.ToString().Trim();
                step = line[3..].Trim();
                body.Clear();
            }
            else if (step is not null) body.Append(line.TrimEnd('\r')).Append('\n');
        }
        if (step is not null) _steps[step] = body.ToString().Trim();
    }

    /// <summary>The shipped prompt.</summary>
    public static HypothesisPrompt Shipped { get; } = Load();

    /// <summary>The whole file.</summary>
    public string Text { get; }

    /// <summary>SHA-256 of the prompt file, lower-case hex (stored with every story it produced).</summary>
    public string Hash { get; }

    /// <summary>The system prompt of a step (<see cref="Contexts"/>, <see cref="Group"/>, <see cref="Stories"/>).</summary>
    public string For(string step) => _steps.TryGetValue(step, out var prompt)
        ? prompt
        : throw new InvalidOperationException($"The hypothesis prompt has no '## {step}' section.");

    private static HypothesisPrompt Load() => new(PromptFile.Embedded(Resource, "wiser-hypotheses"));
}
