namespace InteractionLab.Api.Tasks.Summarization;

/// <summary>What was recorded for one document (see <see cref="SummarizationProgress"/>).</summary>
/// <param name="document">The document id.</param>
public sealed class SummaryDocumentProgress(string document)
{
    /// <summary>The document id.</summary>
    public string Document { get; } = document;

    /// <summary>Whether the document was shown.</summary>
    public bool Shown { get; internal set; }

    /// <summary>The model's draft, once recorded.</summary>
    public string? Draft { get; internal set; }

    /// <summary>The participant's rating of the draft.</summary>
    public SummarizationEvents.RatingPayload? Original { get; internal set; }

    /// <summary>When the draft was rated.</summary>
    public DateTimeOffset? OriginalRatedAt { get; internal set; }

    /// <summary>When the edit step began.</summary>
    public DateTimeOffset? EditStartedAt { get; internal set; }

    /// <summary>The latest text of the edit box (a snapshot or the submitted version).</summary>
    public string? EditedText { get; internal set; }

    /// <summary>When the edited summary was submitted.</summary>
    public DateTimeOffset? EditSubmittedAt { get; internal set; }

    /// <summary>The participant's rating of their edited summary.</summary>
    public SummarizationEvents.RatingPayload? Edited { get; internal set; }

    /// <summary>Whether the participant moved on to the next document.</summary>
    public bool MovedOn { get; internal set; }

    /// <summary>The step the participant is on.</summary>
    public SummaryStep Step =>
        MovedOn ? SummaryStep.Done
        : Edited is not null ? SummaryStep.Next
        : EditSubmittedAt is not null ? SummaryStep.RateEdited
        : Original is not null ? SummaryStep.Edit
        : Draft is not null ? SummaryStep.RateOriginal
        : SummaryStep.Draft;
}
