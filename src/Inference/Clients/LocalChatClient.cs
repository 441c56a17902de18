using System.Runtime.CompilerServices;
using System.Text;
using InteractionLab.Inference.Engine;
using Microsoft.Extensions.AI;

namespace InteractionLab.Inference.Clients;

/// <summary>
/// The in-process <see cref="IChatClient"/> over a local decoder. With n &gt; 1 a non-streaming response holds n
/// assistant messages (choice i is Messages[i]); streamed updates carry MessageId "{ResponseId}-{i}". The seed
/// used is in AdditionalProperties["seed"] of the response and of the first and last streamed updates.
/// </summary>
internal sealed class LocalChatClient(LocalModelHost host, string modelId) : IChatClient
{
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var model = host.GetDecoder(modelId);
        var request = ChatOptionsMapping.ToRequest(model, messages, options, host.Options);
        var texts = Enumerable.Range(0, request.N).Select(_ => new StringBuilder()).ToArray();
        var finishes = new ChatFinishReason?[request.N];
        var outputTokens = 0;
        await foreach (var token in model.GenerateAsync(request, cancellationToken).ConfigureAwait(false))
        {
            texts[token.Index].Append(token.Text);
            outputTokens++;
            if (token.Finish is { } finish)
            {
                finishes[token.Index] = ChatOptionsMapping.ToChatFinishReason(finish);
            }
        }

        var id = NewId();
        return new ChatResponse([.. texts.Select((t, i) => new ChatMessage(ChatRole.Assistant, t.ToString()) { MessageId = $"{id}-{i}" })])
        {
            ResponseId = id,
            ModelId = modelId,
            CreatedAt = host.Time.GetUtcNow(),
            FinishReason = finishes[0],
            Usage = Usage(request.PromptIds.Count, outputTokens),
            AdditionalProperties = new()
            {
                [ChatOptionsMapping.SeedKey] = request.Seed,
                ["finish_reasons"] = finishes.Select(f => f?.Value).ToArray(),
            },
        };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var model = host.GetDecoder(modelId);
        var request = ChatOptionsMapping.ToRequest(model, messages, options, host.Options);
        var id = NewId();
        var messageIds = Enumerable.Range(0, request.N).Select(i => $"{id}-{i}").ToArray(); // not formatted per token
        var created = host.Time.GetUtcNow();
        var outputTokens = 0;
        var first = true;
        var remaining = request.N;
        await foreach (var token in model.GenerateAsync(request, cancellationToken).ConfigureAwait(false))
        {
            outputTokens++;
            if (token.Text.Length == 0 && token.Finish is null)
            {
                continue; // an incomplete UTF-8 character or a possible stop sequence: nothing to show yet
            }

            var update = new ChatResponseUpdate(ChatRole.Assistant, token.Text)
            {
                ResponseId = id,
                MessageId = messageIds[token.Index],
                ModelId = modelId,
                CreatedAt = created,
            };
            if (first)
            {
                update.AdditionalProperties = new() { [ChatOptionsMapping.SeedKey] = request.Seed };
                first = false;
            }

            if (token.Finish is { } finish)
            {
                update.FinishReason = ChatOptionsMapping.ToChatFinishReason(finish);
                if (--remaining == 0)
                {
                    update.Contents.Add(new UsageContent(Usage(request.PromptIds.Count, outputTokens)));
                    update.AdditionalProperties ??= new();
                    update.AdditionalProperties[ChatOptionsMapping.SeedKey] = request.Seed;
                }
            }

            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("interactionlab-onnx", null, modelId)
        : serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
        // The model belongs to the host and is shared; nothing to release per client.
    }

    private static string NewId() => $"chatcmpl-{Guid.NewGuid():N}";

    private static UsageDetails Usage(int input, int output) =>
        new() { InputTokenCount = input, OutputTokenCount = output, TotalTokenCount = input + output };
}
