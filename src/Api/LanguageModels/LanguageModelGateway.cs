using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using InteractionLab.Domain.Studies;
using Microsoft.Extensions.AI;

namespace InteractionLab.Api.LanguageModels;

/// <summary>
/// The one way the platform calls a language model: every call goes through the endpoint's <see cref="ModelPipeline"/>
/// (limits, timing and usage, telemetry, logging). Streams send the frozen decoding settings, mark completion prompts
/// for engines that need to know, and time every piece with the server's monotonic clock so that timings never depend
/// on the participant's browser; usage, finish reason and tool calls are read here and nowhere else. Structured
/// answers come back typed (<see cref="GetResponseAsync{T}"/>).
/// </summary>
public sealed class LanguageModelGateway(ChatClientRegistry clients, TimeProvider time)
{
    /// <summary>Key of the <see cref="ChatOptions.AdditionalProperties"/> entry that marks a raw-text prompt.</summary>
    public const string PromptStyleProperty = "prompt_style";

    /// <summary>Streams a generation from a frozen config's request, filling <paramref name="record"/> as pieces arrive.</summary>
    public IAsyncEnumerable<TimedToken> StreamAsync(GenerationRequest request, GenerationRecord record, CancellationToken ct) =>
        StreamAsync(request.Model, Messages(request), Options(request), record, ct);

    /// <summary>Streams a generation of chat messages (tools allowed), filling <paramref name="record"/> as pieces arrive.</summary>
    public async IAsyncEnumerable<TimedToken> StreamAsync(ModelRef model, IEnumerable<ChatMessage> messages, ChatOptions options,
        GenerationRecord record, [EnumeratorCancellation] CancellationToken ct)
    {
        var client = clients.Get(model.Endpoint, model.Model);
        options.ModelId ??= model.Model;
        if (record.RequestSentAt == default) record.RequestSentAt = time.GetUtcNow();
        var clock = Stopwatch.StartNew();
        try
        {
            await foreach (var update in client.GetStreamingResponseAsync(messages, options, ct))
            {
                if (update.FinishReason is { } reason) record.FinishReason = reason.Value;
                foreach (var content in update.Contents)
                {
                    switch (content)
                    {
                        case UsageContent usage:
                            record.InputTokens = usage.Details.InputTokenCount ?? record.InputTokens;
                            record.OutputTokens = usage.Details.OutputTokenCount ?? record.OutputTokens;
                            break;
                        case FunctionCallContent call:
                            record.FunctionCalls.Add(call);
                            break;
                        case ModelQueuedContent when !record.Queued:
                            record.Queued = true;
                            record.OnQueued?.Invoke();
                            break;
                    }
                }
                var text = update.Text;
                if (string.IsNullOrEmpty(text)) continue;
                var token = new TimedToken(text, clock.Elapsed.TotalMilliseconds);
                record.Tokens.Add(token);
                yield return token;
            }
        }
        finally
        {
            record.TotalMs = clock.Elapsed.TotalMilliseconds;
        }
    }

    /// <summary>
    /// Asks for a structured answer of type <typeparamref name="T"/> in JSON mode (<c>response_format</c>
    /// <c>json_object</c>) and returns it typed; fenced or chatty JSON is tidied by the pipeline. Read it with
    /// <see cref="JsonAnswers.Result{T}"/>.
    /// </summary>
    /// <remarks>
    /// Microsoft.Extensions.AI's own <c>GetResponseAsync&lt;T&gt;</c> extension either sends <c>json_schema</c>, which not
    /// every OpenAI-compatible server accepts, or adds a message describing the schema to the prompt. The platform's
    /// prompts are versioned files whose hash is stored with what they produced, so nothing is added to them (the extra
    /// message also pushed the demo model's prompts past its 1,024-token window); the answer is read by the same
    /// <see cref="ChatResponse{T}"/> the extension returns.
    /// </remarks>
    public async Task<ChatResponse<T>> GetResponseAsync<T>(ModelRef model, IEnumerable<ChatMessage> messages, ChatOptions options,
        JsonSerializerOptions json, CancellationToken ct = default)
    {
        options.ModelId ??= model.Model;
        options.ResponseFormat = ChatResponseFormat.Json;
        var response = await clients.Get(model.Endpoint, model.Model).GetResponseAsync(messages, options, ct);
        return new ChatResponse<T>(response, json);
    }

    /// <summary>A whole answer as text (short calls that nobody watches stream in).</summary>
    public Task<ChatResponse> GetResponseAsync(ModelRef model, IEnumerable<ChatMessage> messages, ChatOptions options, CancellationToken ct = default)
    {
        options.ModelId ??= model.Model;
        return clients.Get(model.Endpoint, model.Model).GetResponseAsync(messages, options, ct);
    }

    /// <summary>The model's context window, when known (<see cref="ChatClientRegistry.ContextOf"/>).</summary>
    public ModelContext? ContextOf(ModelRef model) => clients.ContextOf(model.Endpoint, model.Model);

    /// <summary>The messages a request sends: the raw prompt (completion style) or system prompt and history (chat).</summary>
    public static List<ChatMessage> Messages(GenerationRequest request)
    {
        if (request.Style == PromptStyle.Completion) return [new ChatMessage(ChatRole.User, request.Prompt)];
        List<ChatMessage> messages = [new ChatMessage(ChatRole.System, request.Prompt)];
        messages.AddRange(request.History.Select(h => new ChatMessage(h.IsUser ? ChatRole.User : ChatRole.Assistant, h.Text)));
        return messages;
    }

    /// <summary>The options a request sends: its decoding settings, stop sequences, seed and prompt style.</summary>
    public static ChatOptions Options(GenerationRequest request)
    {
        var options = new ChatOptions
        {
            ModelId = request.Model.Model,
            Temperature = request.Decoding.Temperature,
            MaxOutputTokens = request.Decoding.MaxTokens,
            TopP = request.Decoding.TopP,
            TopK = request.Decoding.TopK > 0 ? request.Decoding.TopK : null,
            Seed = request.Seed,
            StopSequences = request.Stop.ToList(),
        };
        if (request.Style == PromptStyle.Completion)
            options.AdditionalProperties = new AdditionalPropertiesDictionary { [PromptStyleProperty] = "completion" };
        return options;
    }
}
