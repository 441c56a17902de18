namespace InteractionLab.Inference.Engine;

/// <summary>A piece of a rendered prompt; only template markup may be tokenized with special tokens.</summary>
internal readonly record struct PromptSegment(string Text, bool IsMarkup);
