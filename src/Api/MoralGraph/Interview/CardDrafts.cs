using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using InteractionLab.Api.LanguageModels;
using InteractionLab.Domain.MoralGraph;

namespace InteractionLab.Api.MoralGraph.Interview;

/// <summary>
/// Reads what the drafting model answered (<see cref="CardDraft"/>) into a <see cref="ValuesCard"/> and turns rule
/// problems into feedback for the next draft. Fenced or chatty JSON is tidied by the model pipeline
/// (<see cref="JsonAnswerChatClient"/>); <c>attentional_policies</c> and <c>policies</c> are accepted for
/// <c>attentionalPolicies</c>.
/// </summary>
public static class CardDrafts
{
    /// <summary>Card as JSON (camelCase), as stored on the chat and in <c>interview.*</c> events.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>How drafts are read: trailing commas, comments and numbers written as strings are accepted.</summary>
    public static readonly JsonSerializerOptions DraftJson = new(JsonSerializerDefaults.Web)
    {
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    /// <summary>The card in a raw answer (read exactly as the drafting call reads it), or a message saying why there is none.</summary>
    public static (ValuesCard? Card, string? Problem) Parse(string? answer) => Read(JsonAnswers.Read<CardDraft>(answer, DraftJson));

    /// <summary>The card of a structured drafting answer, or a message saying why there is none.</summary>
    public static (ValuesCard? Card, string? Problem) Read((CardDraft? Draft, string? Problem) answer)
    {
        if (answer.Problem == JsonAnswers.NoObject) return (null, "The drafting model did not answer with a JSON object.");
        if (answer.Problem is not null) return (null, $"The drafting model's JSON could not be read: {answer.Problem}");
        if (answer.Draft is not { } draft) return (null, "The drafting model answered with an empty JSON object.");
        var policies = draft.Policies().Select(p => (p ?? "").Trim()).Where(p => p.Length > 0).ToList();
        var title = (draft.Title ?? "").Trim();
        var description = (draft.Description ?? "").Trim();
        if (title.Length == 0 && description.Length == 0 && policies.Count == 0)
            return (null, "The drafting model's JSON has no title, description or attentional policies.");
        return (new ValuesCard(title, description, policies), null);
    }

    /// <summary>Feedback for a redraft: the rule problems of the last draft, one per line.</summary>
    public static string Feedback(ValuesCard card, IReadOnlyList<CardProblem> problems) =>
        problems.Count == 0 ? ""
            : "Your last draft was:\n" + Serialize(card) + "\n\nIt breaks these card-writing rules; fix them in the new draft:\n"
              + string.Join("\n", problems.Select(p => $"- {p.Field}: {p.Message}"));

    /// <summary>The card as camelCase JSON.</summary>
    public static string Serialize(ValuesCard card) => JsonSerializer.Serialize(card, Json);

    /// <summary>A stored card (null when <paramref name="json"/> is null).</summary>
    public static ValuesCard? Deserialize(string? json) => json is null ? null : JsonSerializer.Deserialize<ValuesCard>(json, Json);

    /// <summary>The card as plain text (for prompts and embeddings): title, description, one policy per line.</summary>
    public static string AsText(ValuesCard card) =>
        $"{card.Title}\n{card.Description}\n{string.Join("\n", card.AttentionalPolicies)}";
}
