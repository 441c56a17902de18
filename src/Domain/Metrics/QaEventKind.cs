namespace InteractionLab.Domain.Metrics;

/// <summary>The question-answering events the metrics need (others, like typing or blur, are ignored).</summary>
public enum QaEventKind
{
    /// <summary>The question appeared.</summary>
    Shown,
    /// <summary>A query was sent to the assistant.</summary>
    Query,
    /// <summary>An answer choice was clicked (the last one counts).</summary>
    Answer,
    /// <summary>The participant moved on.</summary>
    Next,
}
