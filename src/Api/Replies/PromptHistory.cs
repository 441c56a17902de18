namespace InteractionLab.Api.Replies;

/// <summary>Which earlier turns of a conversation a prompt left out, recorded on the model turn and its request event.</summary>
/// <param name="DroppedForContext">The oldest turns dropped so that the prompt fits the model's context window.</param>
/// <param name="WithoutReply">Exchanges left out because the model's reply to them was lost (failed or cut off before any text).</param>
public sealed record PromptHistory(IReadOnlyList<int> DroppedForContext, IReadOnlyList<int> WithoutReply);
