namespace InteractionLab.Domain.Dialogue;

/// <summary>The turns a prompt includes, and the indexes of those it leaves out and why.</summary>
/// <param name="Kept">The turns the prompt includes, in order.</param>
/// <param name="DroppedForContext">Indexes of the oldest turns dropped so that the prompt fits the context window.</param>
/// <param name="WithoutReply">Indexes of the turns of exchanges left out because their reply was lost.</param>
public sealed record PromptSelection(IReadOnlyList<ConversationTurn> Kept, IReadOnlyList<int> DroppedForContext, IReadOnlyList<int> WithoutReply);
