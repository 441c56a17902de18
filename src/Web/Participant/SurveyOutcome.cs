namespace InteractionLab.Web.Participant;

/// <summary>Result of submitting a survey stage.</summary>
/// <param name="Errors">Validation messages by item key; empty when the answers were saved.</param>
/// <param name="Session">The session after saving (moved on), or null when validation failed.</param>
public sealed record SurveyOutcome(IReadOnlyDictionary<string, string> Errors, SessionSnapshot? Session)
{
    /// <summary>True when the answers were saved.</summary>
    public bool Saved => Errors.Count == 0 && Session is not null;
}
