using System.Text.Json;
using InteractionLab.Inference.Engine;

namespace InteractionLab.Inference.Api;

/// <summary>
/// The fields of an OpenAI chat or text completion request body, read leniently the way OpenAI does (stop as a
/// string or a list, content as a string or text parts) and strictly about types, naming the bad parameter.
/// </summary>
internal sealed class HttpCompletionRequest
{
    public required string Model { get; init; }

    public List<(string Role, string Content)>? Messages { get; init; }

    public string? Prompt { get; init; }

    public bool Stream { get; init; }

    public bool IncludeUsage { get; init; }

    /// <summary>-1 when no log-probabilities were asked for.</summary>
    public int TopLogprobs { get; init; } = -1;

    public required GenerationRequest Settings { get; init; }

    public static async Task<HttpCompletionRequest> ReadAsync(HttpRequest http, bool chat, CancellationToken ct)
    {
        using var document = await JsonDocument.ParseAsync(http.Body, default, ct);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("The request body must be a JSON object.");
        }

        var model = String(root, "model") ?? throw new ArgumentException("'model' is required.", "model");
        var topLogprobs = chat
            ? Bool(root, "logprobs") == true ? (int?)Number(root, "top_logprobs") ?? 0 : -1
            : (int?)Number(root, "logprobs") ?? -1;
        return new HttpCompletionRequest
        {
            Model = model,
            Messages = chat ? ReadMessages(root) : null,
            Prompt = chat ? null : ReadPrompt(root),
            Stream = Bool(root, "stream") ?? false,
            IncludeUsage = root.TryGetProperty("stream_options", out var so) && so.ValueKind == JsonValueKind.Object && (Bool(so, "include_usage") ?? false),
            TopLogprobs = topLogprobs,
            Settings = new GenerationRequest
            {
                PromptIds = [],
                MaxTokens = (int?)(Number(root, "max_completion_tokens") ?? Number(root, "max_tokens")) ?? (chat ? 256 : 16),
                Temperature = (float?)Number(root, "temperature") ?? 1f,
                TopP = (float?)Number(root, "top_p") ?? 1f,
                TopK = (int?)Number(root, "top_k") ?? 0,
                RepetitionPenalty = (float?)Number(root, "repetition_penalty") ?? 1f,
                FrequencyPenalty = (float?)Number(root, "frequency_penalty") ?? 0f,
                PresencePenalty = (float?)Number(root, "presence_penalty") ?? 0f,
                N = (int?)Number(root, "n") ?? 1,
                Seed = (long?)Number(root, "seed") ?? RequestValidation.NewSeed(),
                StopSequences = ReadStop(root),
                TopLogprobs = topLogprobs,
            },
        };
    }

    private static List<(string, string)> ReadMessages(JsonElement root)
    {
        if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() == 0)
        {
            throw new ArgumentException("'messages' must be a non-empty array.", "messages");
        }

        return messages.EnumerateArray().Select(m =>
        {
            var role = String(m, "role") ?? throw new ArgumentException("Each message needs a 'role'.", "messages");
            var content = m.TryGetProperty("content", out var c) ? c : default;
            var text = content.ValueKind switch
            {
                JsonValueKind.String => content.GetString()!,
                JsonValueKind.Array => string.Concat(content.EnumerateArray()
                    .Where(p => String(p, "type") == "text").Select(p => String(p, "text"))),
                JsonValueKind.Null or JsonValueKind.Undefined => "",
                _ => throw new ArgumentException("Message 'content' must be a string or an array of text parts.", "messages"),
            };
            return (role, text);
        }).ToList();
    }

    private static string ReadPrompt(JsonElement root)
    {
        if (!root.TryGetProperty("prompt", out var prompt))
        {
            throw new ArgumentException("'prompt' is required.", "prompt");
        }

        return prompt.ValueKind switch
        {
            JsonValueKind.String => prompt.GetString()!,
            JsonValueKind.Array when prompt.GetArrayLength() == 1 && prompt[0].ValueKind == JsonValueKind.String => prompt[0].GetString()!,
            _ => throw new ArgumentException("'prompt' must be a string (or a list holding one string).", "prompt"),
        };
    }

    private static List<string> ReadStop(JsonElement root) =>
        !root.TryGetProperty("stop", out var stop) ? [] : stop.ValueKind switch
        {
            JsonValueKind.Null => [],
            JsonValueKind.String => [stop.GetString()!],
            JsonValueKind.Array => [.. stop.EnumerateArray().Select(s => s.ValueKind == JsonValueKind.String ? s.GetString()! : throw new ArgumentException("'stop' must hold strings.", "stop"))],
            _ => throw new ArgumentException("'stop' must be a string or a list of strings.", "stop"),
        };

    private static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null
            ? v.ValueKind == JsonValueKind.String ? v.GetString() : throw new ArgumentException($"'{name}' must be a string.", name)
            : null;

    private static double? Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null
            ? v.ValueKind == JsonValueKind.Number ? v.GetDouble() : throw new ArgumentException($"'{name}' must be a number.", name)
            : null;

    private static bool? Bool(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null
            ? v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : throw new ArgumentException($"'{name}' must be a boolean.", name)
            : null;
}
