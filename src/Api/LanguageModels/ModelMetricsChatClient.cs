using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace InteractionLab.Api.LanguageModels;

/// <summary>
/// The timing and usage middleware of the model pipeline: counts every call by outcome, the tokens the endpoint
/// reports, the calls that had to wait in line, and the time to the first text (wait included, as a participant
/// experiences it) on <see cref="LanguageModelTelemetry.MeterName"/>. Per-reply timings for the transcript are
/// recorded by <see cref="LanguageModelGateway"/> with the server clock; this is the operator's view per endpoint.
/// </summary>
public sealed class ModelMetricsChatClient(IChatClient inner, string endpoint, string model) : DelegatingChatClient(inner)
{
    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var outcome = "failed";
        try
        {
            var response = await base.GetResponseAsync(messages, options, cancellationToken);
            LanguageModelTelemetry.FirstPiece.Record(clock.Elapsed.TotalMilliseconds, Tags());
            Usage(response.Usage);
            outcome = "ok";
            return response;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = "cancelled";
            throw;
        }
        finally
        {
            LanguageModelTelemetry.Calls.Add(1, Tags(("outcome", outcome)));
        }
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var outcome = "failed";
        var first = true;
        try
        {
            await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
            {
                foreach (var content in update.Contents)
                {
                    if (content is ModelQueuedContent) LanguageModelTelemetry.Queued.Add(1, Tags());
                    else if (content is UsageContent usage) Usage(usage.Details);
                }
                if (first && !string.IsNullOrEmpty(update.Text))
                {
                    first = false;
                    LanguageModelTelemetry.FirstPiece.Record(clock.Elapsed.TotalMilliseconds, Tags());
                }
                yield return update;
            }
            outcome = "ok";
        }
        finally
        {
            if (outcome != "ok" && cancellationToken.IsCancellationRequested) outcome = "cancelled";
            LanguageModelTelemetry.Calls.Add(1, Tags(("outcome", outcome)));
        }
    }

    private void Usage(UsageDetails? usage)
    {
        if (usage?.InputTokenCount is { } input) LanguageModelTelemetry.Tokens.Add(input, Tags(("direction", "input")));
        if (usage?.OutputTokenCount is { } output) LanguageModelTelemetry.Tokens.Add(output, Tags(("direction", "output")));
    }

    private TagList Tags(params (string Key, object? Value)[] extra)
    {
        var tags = new TagList { { "endpoint", endpoint }, { "model", model } };
        foreach (var (key, value) in extra) tags.Add(key, value);
        return tags;
    }
}
