using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using InteractionLab.Domain.Studies;

namespace InteractionLab.Domain.Annotation;

/// <summary>
/// What an LM judge is asked: the project's own guidelines and form, turned into a system message that asks for one
/// JSON object (question key → answer), and the item exactly as annotators see it (blinded and redacted), as text.
/// The fixed wording is <see cref="Template"/>; its hash (<see cref="TemplateHash"/>) is stored with the judge, so a
/// rating can always be traced to the words that produced it.
/// </summary>
public static class JudgePrompt
{
    /// <summary>The fixed wording; {guidelines} and {questions} are filled per project.</summary>
    public const string Template = """
        You rate items for a research study, as a careful human annotator would. Read the guidelines, then the item, and answer every question.
        Answer with one JSON object only: its keys are the question keys below, its values your answers, each exactly one of the allowed values.

        Guidelines:
        {guidelines}

        Questions:
        {questions}
        """;

    /// <summary>Lower-case hex SHA-256 of <see cref="Template"/>.</summary>
    public static string TemplateHash { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Template)));

    /// <summary>The system message for a project.</summary>
    public static string System(AnnotationProjectConfig config) => Template
        .Replace("{guidelines}", string.IsNullOrWhiteSpace(config.Guidelines) ? "(none)" : config.Guidelines.Trim(), StringComparison.Ordinal)
        .Replace("{questions}", string.Join("\n", config.Form.Items.Select(Question)), StringComparison.Ordinal);

    /// <summary>The item as text: title, context, the conversation with numbered turns, the text (and the second side of a pair).</summary>
    public static string Item(ItemContent content)
    {
        var text = new StringBuilder();
        Append(text, content, "");
        if (content.Second is { } second) Append(text.Append("\n--- B ---\n"), second, "B ");
        return text.ToString().Trim();
    }

    private static void Append(StringBuilder text, ItemContent content, string side)
    {
        if (content.Title is { Length: > 0 } title) text.Append(CultureInfo.InvariantCulture, $"Title: {title}\n\n");
        if (content.Context is { Length: > 0 } context) text.Append(CultureInfo.InvariantCulture, $"{content.ContextLabel ?? "Context"}:\n{context}\n\n");
        foreach (var turn in content.Turns ?? [])
            text.Append(CultureInfo.InvariantCulture, $"[turn {turn.Index}] {(turn.Speaker == ItemContent.PersonSpeaker ? "Person" : "AI")}: {turn.Text}\n");
        if (content.Turns is { Count: > 0 }) text.Append('\n');
        if (content.Text is { Length: > 0 } body) text.Append(CultureInfo.InvariantCulture, $"{side}{content.TextLabel ?? "Text"}:\n{body}\n");
        foreach (var point in content.Points ?? []) text.Append(CultureInfo.InvariantCulture, $"- {point}\n");
    }

    private static string Question(SurveyItem q) => $"- \"{q.Key}\": {q.Prompt} Allowed: " + q.Kind switch
    {
        SurveyItemKind.Likert or SurveyItemKind.Slider => $"an integer from {q.Min}{End(q.MinLabel)} to {q.Max}{End(q.MaxLabel)}.",
        SurveyItemKind.YesNo => "\"yes\" or \"no\".",
        SurveyItemKind.MultipleChoice => string.Join(" or ", (q.Options ?? []).Select(o => $"\"{o}\"")) + ".",
        SurveyItemKind.TurnMark => "a list of the turn numbers of AI replies it applies to, e.g. [1, 3], or [] for none.",
        _ => "a short text.",
    };

    private static string End(string? label) => label is { Length: > 0 } ? $" ({label})" : "";
}
