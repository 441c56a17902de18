namespace InteractionLab.Domain.Annotation;

/// <summary>What one item of a project is: the thing annotators rate.</summary>
public enum AnnotationTarget
{
    /// <summary>A whole conversation of a task stage (social dialogue by default).</summary>
    Transcript,
    /// <summary>One model reply, with the conversation before it as context.</summary>
    ModelTurn,
    /// <summary>
    /// Summaries of a document (summarization): the model's draft and the participant's edited version, one item each,
    /// rated alike as HALIE's raters did (the item's artifact key ends in <c>:original</c> or <c>:edited</c>).
    /// </summary>
    Summary,
    /// <summary>The draft and the edited summary side by side, for a preference (sides randomised per annotator).</summary>
    SummaryPair,
    /// <summary>One sentence from a participant's metaphor list, with the seed metaphor.</summary>
    MetaphorSentence,
    /// <summary>The answer a participant chose to a question, with the question and the assistant's help.</summary>
    QaAnswer,
    /// <summary>A values card a participant submitted in a moral graph interview.</summary>
    ValuesCard,
    /// <summary>Items the researcher adds by hand or by file (texts or pairs); nothing flows in from sessions.</summary>
    Manual,
}
