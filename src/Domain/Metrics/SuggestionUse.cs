namespace InteractionLab.Domain.Metrics;

/// <summary>What became of one accepted suggestion by the end of the session.</summary>
/// <param name="EventIndex">Index of the event that inserted it into the document.</param>
/// <param name="SelectedText">The text inserted (trimmed).</param>
/// <param name="FinalSentence">The sentence(s) of the final document holding what is left of it (trimmed);
/// empty when the participant deleted all of it.</param>
/// <param name="EditDistance">Character Levenshtein distance <paramref name="SelectedText"/> → <paramref name="FinalSentence"/>.</param>
/// <param name="NormalizedEditDistance">The same ÷ the longer length (0..1).</param>
public sealed record SuggestionUse(
    int EventIndex, string SelectedText, string FinalSentence, int EditDistance, double NormalizedEditDistance)
{
    /// <summary>False when none of the suggestion's characters are left in the final document.</summary>
    public bool Survived => FinalSentence.Length > 0;
}
