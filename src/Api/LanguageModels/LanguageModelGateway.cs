using System.Diagnostics;
using System.Runtime.CompilerServices;
using InteractionLab.Domain.Studies;
using Microsoft.Extensions.AI;

namespace InteractionLab.Api.LanguageModels;

/// <summary>
/// The one way the platform calls a language model. It sends the frozen decoding settings, marks completion
/// prompts for engines that need to know, and times every streamed piece with the server's monotonic clock
/// so that timings never depend on the participant's browser.
/// </summary>
public sealed class LanguageModelGateway(ChatClientRegistry clients, TimeProvider time)
{
    /// <summary>Key of the <see cref="ChatOptions.AdditionalProperties"/> entry that marks a raw-text prompt.</summary>
    public const string PromptStyleProperty = "prompt_style";

    /// <summary>Streams a generation, filling <paramref name="record"/> as pieces arrive.</summary>
    public async IAsyncEnumerable<TimedToken> StreamAsync(
        GenerationRequest request, GenerationRecord record, [EnumeratorCancellation] CancellationToken ct)
    {
        var client = clients.Get(request.Model.Endpoint, request.Model.Model);
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
        List<ChatMessage> messages;
        if (request.Style == PromptStyle.Completion)
        {
            options.AdditionalProperties = new AdditionalPropertiesDictionary { [PromptStyleProperty] = "completion" };
            messages = [new ChatMessage(ChatRole.User, request.Prompt)];
        }
        else
        {
            messages = [new ChatMessage(ChatRole.System, request.Prompt)];
            messages.AddRange(request.History.Select(h => new ChatMessage(h.IsUser ? ChatRole.User : ChatRole.Assistant, h.Text)));
        }

        record.RequestSentAt = time.GetUtcNow();
        var clock = Stopwatch.StartNew();
        try
        {
            await foreach (var update in client.GetStreamingResponseAsync(messages, options, ct))
            {
                if (update.FinishReason is { } reason) record.FinishReason = reason.Value;
                foreach (var usage in update.Contents.OfType<UsageContent>())
                {
                    record.InputTokens = usage.Details.InputTokenCount ?? record.InputTokens;
                    record.OutputTokens = usage.Details.OutputTokenCount ?? record.OutputTokens;
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
}
