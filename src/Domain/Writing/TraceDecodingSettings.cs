namespace InteractionLab.Domain.Writing;

/// <summary>Decoding settings recorded on each CoAuthor event (<c>currentN</c>, <c>currentMaxToken</c>, …).
/// All optional: older traces omit some, and CoAuthor wrote them as strings.</summary>
public sealed record TraceDecodingSettings(
    int? N = null,
    int? MaxTokens = null,
    double? Temperature = null,
    double? TopP = null,
    double? PresencePenalty = null,
    double? FrequencyPenalty = null)
{
    /// <summary>No settings recorded.</summary>
    public static TraceDecodingSettings None { get; } = new();
}
