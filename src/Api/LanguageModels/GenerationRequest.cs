using InteractionLab.Domain.Studies;

namespace InteractionLab.Api.LanguageModels;

/// <summary>One generation to run.</summary>
/// <param name="Model">Endpoint and model.</param>
/// <param name="Style">Completion (raw prompt) or chat.</param>
/// <param name="Prompt">Completion: the prompt text; chat: the system prompt.</param>
/// <param name="History">Chat style: the messages after the system prompt as (isUser, text).</param>
/// <param name="Decoding">Decoding settings from the frozen config.</param>
/// <param name="Stop">Stop sequences actually sent.</param>
/// <param name="Seed">Seed actually sent.</param>
public sealed record GenerationRequest(
    ModelRef Model,
    PromptStyle Style,
    string Prompt,
    IReadOnlyList<(bool IsUser, string Text)> History,
    DecodingSettings Decoding,
    IReadOnlyList<string> Stop,
    int Seed);
