using System.Text.Json;
using System.Text.Json.Serialization;

namespace InteractionLab.Api.MoralGraph.Interview;

/// <summary>
/// A values card as the drafting model answers it (the structured answer of the drafting call). Models now and then
/// name the policies <c>attentional_policies</c> or <c>policies</c>; those arrive in <see cref="Other"/>, which the JSON
/// schema sent to the model does not ask for.
/// </summary>
public sealed class CardDraft
{
    /// <summary>3–6 words.</summary>
    public string? Title { get; set; }
    /// <summary>1–3 sentences.</summary>
    public string? Description { get; set; }
    /// <summary>What the chooser attends to, one per entry.</summary>
    public List<string?>? AttentionalPolicies { get; set; }
    /// <summary>Any other properties of the answer.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; set; }

    /// <summary>The policies under whichever name the model used.</summary>
    public IEnumerable<string?> Policies() =>
        AttentionalPolicies ?? Strings("attentional_policies") ?? Strings("policies") ?? [];

    private List<string?>? Strings(string name) =>
        Other?.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value is { ValueKind: JsonValueKind.Array } list
            ? list.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : null).ToList()
            : null;
}
