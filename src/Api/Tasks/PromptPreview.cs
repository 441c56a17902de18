namespace InteractionLab.Api.Tasks;

/// <summary>What a task stage sends the model for one example, as the builder shows it.</summary>
/// <param name="Example">What the example is, in words (e.g. the question on screen and the participant's query).</param>
/// <param name="Prompt">The prompt exactly as sent.</param>
public sealed record PromptPreview(string Example, string Prompt);
