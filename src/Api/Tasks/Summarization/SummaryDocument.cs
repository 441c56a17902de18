namespace InteractionLab.Api.Tasks.Summarization;

/// <summary>One document of a summarization set, as the parser normalises it and the participant page reads it.</summary>
/// <param name="Id">Stable id (the item key of turns and events).</param>
/// <param name="Title">Headline shown above the text.</param>
/// <param name="Text">The document; paragraphs are separated by blank lines.</param>
public sealed record SummaryDocument(string Id, string Title, string Text);
