namespace InteractionLab.Api.Tasks.Summarization;

/// <summary>
/// The events of the summarization task and their payloads. Every payload names its document; the platform adds
/// the stage key. The order per document is shown → draft → rate-original → edit-start → edit… → rate-edited → next.
/// </summary>
public static class SummarizationEvents
{
    /// <summary>Prefix of every event type of the task.</summary>
    public const string Prefix = "summarization.";

    /// <summary>Event types.</summary>
    public const string Shown = Prefix + "shown", Draft = Prefix + "draft", RateOriginal = Prefix + "rate-original",
        EditStart = Prefix + "edit-start", Edit = Prefix + "edit", RateEdited = Prefix + "rate-edited", Next = Prefix + "next";

    /// <summary>A document was shown.</summary>
    /// <param name="Document">Document id.</param>
    /// <param name="Position">1-based position in this participant's order.</param>
    /// <param name="Count">How many documents the participant summarises in this stage.</param>
    public sealed record ShownPayload(string Document, int Position, int Count);

    /// <summary>The model's draft summary, once complete.</summary>
    /// <param name="Document">Document id.</param>
    /// <param name="Turn">Index of the stored model turn.</param>
    /// <param name="Text">The draft as the participant saw it.</param>
    public sealed record DraftPayload(string Document, int? Turn, string Text);

    /// <summary>The participant's yes/no judgements of a summary (the draft or their edited version).</summary>
    /// <param name="Document">Document id.</param>
    /// <param name="Consistent">Everything it says is supported by the document.</param>
    /// <param name="Coherent">It reads as one clear, well-formed sentence.</param>
    /// <param name="Relevant">It gives the document's main point.</param>
    public sealed record RatingPayload(string Document, bool Consistent, bool Coherent, bool Relevant);

    /// <summary>A payload that only names its document (edit-start, next).</summary>
    /// <param name="Document">Document id.</param>
    public sealed record DocumentPayload(string Document);

    /// <summary>The summary being edited: a snapshot while typing, or the submitted version (<paramref name="Final"/>).</summary>
    /// <param name="Document">Document id.</param>
    /// <param name="Text">The text in the edit box.</param>
    /// <param name="Final">True for the version the participant submitted.</param>
    public sealed record EditPayload(string Document, string Text, bool Final);
}
