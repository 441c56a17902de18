using System.Text.Json;
using InteractionLab.Inference.Engine;
using Microsoft.Extensions.AI;

namespace InteractionLab.Inference.Clients;

/// <summary>Turns Microsoft.Extensions.AI chat messages and options into an engine request.</summary>
internal static class ChatOptionsMapping
{
    public const string PromptStyleKey = "prompt_style";
    public const string CompletionStyle = "completion";
    public const string NKey = "n";
    public const string RepetitionPenaltyKey = "repetition_penalty";
    public const string SeedKey = "seed";

    public static GenerationRequest ToRequest(DecoderModel model, IEnumerable<ChatMessage> messages, ChatOptions? options, InferenceOptions limits)
    {
        var list = messages.ToList();
        var completionStyle = string.Equals(Extra(options, PromptStyleKey)?.ToString(), CompletionStyle, StringComparison.OrdinalIgnoreCase);
        var stops = (options?.StopSequences ?? []).ToList();
        List<int> prompt;
        if (completionStyle)
        {
            prompt = [.. model.Tokenizer.Encode(string.Concat(list.Select(m => m.Text)), allowSpecialTokens: false)];
        }
        else
        {
            prompt = model.EncodePrompt(model.Template.Render(list.Select(m => (m.Role.Value, m.Text))));
            stops.AddRange(model.Template.StopSequences);
        }

        var request = new GenerationRequest
        {
            PromptIds = prompt,
            MaxTokens = options?.MaxOutputTokens ?? 256,
            Temperature = options?.Temperature ?? 1f,
            TopP = options?.TopP ?? 1f,
            TopK = options?.TopK ?? 0,
            FrequencyPenalty = options?.FrequencyPenalty ?? 0f,
            PresencePenalty = options?.PresencePenalty ?? 0f,
            RepetitionPenalty = ToFloat(Extra(options, RepetitionPenaltyKey)) ?? 1f,
            StopSequences = stops,
            N = (int?)ToFloat(Extra(options, NKey)) ?? 1,
            Seed = options?.Seed ?? RequestValidation.NewSeed(),
        };
        return RequestValidation.Complete(request, model, limits);
    }

    public static ChatFinishReason ToChatFinishReason(FinishReason reason) =>
        reason == FinishReason.Length ? ChatFinishReason.Length : ChatFinishReason.Stop;

    private static object? Extra(ChatOptions? options, string key) =>
        options?.AdditionalProperties is { } extra && extra.TryGetValue(key, out var value) ? value : null;

    /// <summary>Values arrive as CLR numbers in-process, or as JsonElement after a serialisation round trip.</summary>
    private static float? ToFloat(object? value) => value switch
    {
        null => null,
        int i => i,
        long l => l,
        float f => f,
        double d => (float)d,
        JsonElement { ValueKind: JsonValueKind.Number } e => (float)e.GetDouble(),
        string s when float.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var f) => f,
        _ => throw new ArgumentException($"Expected a number, got '{value}'."),
    };
}
