namespace InteractionLab.Api.Tasks.Summarization;

/// <summary>Where a participant is with one document, in the order the steps happen.</summary>
public enum SummaryStep
{
    /// <summary>The model's draft is not there yet (it is generated, or being generated).</summary>
    Draft,
    /// <summary>The participant rates the draft.</summary>
    RateOriginal,
    /// <summary>The participant edits the draft.</summary>
    Edit,
    /// <summary>The participant rates their edited summary.</summary>
    RateEdited,
    /// <summary>Rated twice; the participant moves on to the next document.</summary>
    Next,
    /// <summary>The participant moved on from the document.</summary>
    Done,
}
