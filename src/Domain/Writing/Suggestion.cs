namespace InteractionLab.Domain.Writing;

/// <summary>One suggestion shown to the participant (an entry of <c>currentSuggestions</c>).</summary>
/// <param name="Original">The model's text as returned.</param>
/// <param name="Trimmed">The text as shown after trimming; equals <paramref name="Original"/> when absent.</param>
/// <param name="Probability">The model's probability for it, when logged.</param>
/// <param name="Index">Its position in the list shown, when logged.</param>
/// <param name="Model">The model that produced it, when logged.</param>
public sealed record Suggestion(string Original, string Trimmed, double? Probability = null, int? Index = null, string? Model = null);
