using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using InteractionLab.Api.LanguageModels;

namespace InteractionLab.Api.MoralGraph.Interview;

/// <summary>The fallback's structured answer after a reply: <c>{"action":"show_card"|"none"}</c>.</summary>
/// <param name="Action">What the model decided.</param>
public sealed record CardDecision(string? Action)
{
    /// <summary>How decisions are read.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    /// <summary>True only for <c>show_card</c> (any case); anything else, unreadable included, means "none".</summary>
    public bool ShowsCard => string.Equals(Action, "show_card", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether a raw answer shows a card, read exactly as the structured call reads it.</summary>
    public static bool Shows(string? raw) => JsonAnswers.Read<CardDecision>(raw, Json).Value?.ShowsCard == true;
}
