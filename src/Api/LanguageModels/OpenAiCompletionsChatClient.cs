using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace InteractionLab.Api.LanguageModels;

/// <summary>
/// An <see cref="IChatClient"/> over the legacy <c>/v1/completions</c> API (vLLM, TGI, llama.cpp and our own
/// Inference service speak it) for completion-style prompts: the last message's text is sent as the raw prompt
/// and the server-sent events are relayed as updates.
/// </summary>
public sealed class OpenAiCompletionsChatClient(HttpClient http, Uri baseUrl, string? apiKey, string model) : IChatClient
{
    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in GetStreamingResponseAsync(messages, options, cancellationToken)) updates.Add(update);
        return updates.ToChatResponse();
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var body = new JsonObject
        {
            ["model"] = options?.ModelId ?? model,
            ["prompt"] = messages.LastOrDefault()?.Text ?? "",
            ["stream"] = true,
            ["stream_options"] = new JsonObject { ["include_usage"] = true },
        };
        if (options?.Temperature is { } t) body["temperature"] = t;
        if (options?.MaxOutputTokens is { } m) body["max_tokens"] = m;
        if (options?.TopP is { } p) body["top_p"] = p;
        if (options?.Seed is { } s) body["seed"] = s;
        if (options?.StopSequences is { Count: > 0 } stops) body["stop"] = new JsonArray(stops.Select(x => (JsonNode?)x).ToArray());

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, "completions"))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (!string.IsNullOrEmpty(apiKey)) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (!line.StartsWith("data:", StringComparison.Ordinal)) continue;
            var data = line[5..].Trim();
            if (data == "[DONE]") yield break;
            using var doc = JsonDocument.Parse(data);
            var update = new ChatResponseUpdate(ChatRole.Assistant, (string?)null) { ModelId = model };
            if (doc.RootElement.TryGetProperty("choices", out var choices) && choices.GetArrayLength() > 0)
            {
                var choice = choices[0];
                if (choice.TryGetProperty("text", out var text) && text.GetString() is { Length: > 0 } piece)
                    update.Contents.Add(new TextContent(piece));
                if (choice.TryGetProperty("finish_reason", out var reason) && reason.ValueKind == JsonValueKind.String)
                    update.FinishReason = new ChatFinishReason(reason.GetString()!);
            }
            if (doc.RootElement.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
                update.Contents.Add(new UsageContent(new UsageDetails
                {
                    InputTokenCount = usage.TryGetProperty("prompt_tokens", out var pt) ? pt.GetInt64() : null,
                    OutputTokenCount = usage.TryGetProperty("completion_tokens", out var ctk) ? ctk.GetInt64() : null,
                }));
            yield return update;
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    /// <inheritdoc />
    public void Dispose()
    {
        // The HttpClient belongs to IHttpClientFactory.
    }
}
