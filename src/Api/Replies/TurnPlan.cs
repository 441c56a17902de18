using InteractionLab.Api.LanguageModels;

namespace InteractionLab.Api.Replies;

/// <summary>A model turn about to be requested: where it belongs and what is sent.</summary>
/// <param name="Place">Stage, item and choice of the turn.</param>
/// <param name="Request">What is sent (model, prompt, decoding, seed): recorded on the turn and its request event.</param>
public sealed record TurnPlan(TurnPlace Place, GenerationRequest Request)
{
    /// <summary>The participant's words this turn answers; saved in the same transaction as the model turn.</summary>
    public string? ParticipantText { get; init; }

    /// <summary>Turns of the conversation left out of the prompt, and why (see <see cref="PromptHistory"/>).</summary>
    public PromptHistory? History { get; init; }

    /// <summary>
    /// When the model answers with nothing but a tool call, the turn is removed again (the interview records the
    /// tool's effect as its own event; a wordless turn would show as an empty message).
    /// </summary>
    public bool DropWhenOnlyToolCalls { get; init; }
}
