using System.Text;
using System.Text.Json;
using InteractionLab.Inference.Engine;

namespace InteractionLab.Inference.Api;

/// <summary>
/// POST /v1/chat/completions and /v1/completions. The first decoding step runs before any byte is sent, so a full
/// queue (429) or a bad request still gets a proper status; after that tokens stream as they are sampled. The
/// request's abort token is the generation's token: a client that disconnects stops the compute.
/// </summary>
internal static class CompletionEndpoint
{
    /// <summary>
    /// Request header for benchmarks: when present, every streamed text chunk carries
    /// <see cref="CompletionResponse.ProducedAtField"/>, the <see cref="System.Diagnostics.Stopwatch"/> timestamp at
    /// which the engine produced the token, so a client on the same machine can time the delivery path per token.
    /// </summary>
    public const string TokenTimestampsHeader = "X-InteractionLab-Token-Timestamps";

    public static async Task HandleAsync(HttpContext context, LocalModelHost host, bool chat)
    {
        var ct = context.RequestAborted;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct); // also ends decoding when writing fails
        HttpCompletionRequest parsed;
        GenerationRequest request;
        IAsyncEnumerator<GeneratedToken> tokens;
        try
        {
            parsed = await HttpCompletionRequest.ReadAsync(context.Request, chat, ct);
            var model = host.GetDecoder(parsed.Model);
            var prompt = chat
                ? model.EncodePrompt(model.Template.Render(parsed.Messages!))
                : [.. model.Tokenizer.Encode(parsed.Prompt!, allowSpecialTokens: false)];
            var stops = chat ? [.. parsed.Settings.StopSequences, .. model.Template.StopSequences] : parsed.Settings.StopSequences;
            request = RequestValidation.Complete(parsed.Settings with { PromptIds = prompt, StopSequences = stops }, model, host.Options);
            tokens = model.GenerateAsync(request, stop.Token).GetAsyncEnumerator(stop.Token);
            if (!await tokens.MoveNextAsync())
            {
                throw new InvalidOperationException("The model produced no token.");
            }
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            await OpenAiErrors.FromException(e, context).ExecuteAsync(context);
            return;
        }

        await using (tokens)
        {
            var response = new CompletionResponse(parsed, request, chat, host.Time);
            if (parsed.Stream)
            {
                await StreamAsync(context, response, tokens, stop);
            }
            else
            {
                await CollectAsync(context, response, tokens, ct);
            }
        }
    }

    private static async Task StreamAsync(HttpContext context, CompletionResponse response, IAsyncEnumerator<GeneratedToken> tokens, CancellationTokenSource stop)
    {
        var ct = context.RequestAborted;
        var stamp = context.Request.Headers.ContainsKey(TokenTimestampsHeader);
        using var sse = new SseWriter(context.Response);
        try
        {
            await TokenPump.RunAsync(tokens, (token, producedAt) =>
            {
                response.Count(token);
                var wrote = false;
                if (token.Text.Length > 0 || token.Logprob is not null)
                {
                    response.WriteTextEvent(sse, token.Index, token.Text, token.Logprob, stamp ? producedAt : null);
                    wrote = true;
                }

                if (token.Finish is { } finish)
                {
                    response.WriteChunk(sse.Begin(), token.Index, null, null, finish);
                    sse.End();
                    wrote = true;
                }

                return wrote;
            }, sse.FlushAsync, stop);
        }
        catch (Exception e) when (e is not OperationCanceledException && !ct.IsCancellationRequested)
        {
            // Headers are gone: report in-band the way OpenAI does, then end the stream.
            await sse.SendErrorAsync(OpenAiErrors.Json($"Generation failed: {e.Message}", "server_error"), ct);
            return;
        }

        if (response.IncludeUsage)
        {
            response.WriteUsageChunk(sse.Begin());
            sse.End();
        }

        await sse.SendDoneAsync(ct);
    }

    private static async Task CollectAsync(HttpContext context, CompletionResponse response, IAsyncEnumerator<GeneratedToken> tokens, CancellationToken ct)
    {
        var n = response.Request.N;
        var texts = Enumerable.Range(0, n).Select(_ => new StringBuilder()).ToArray();
        var logprobs = Enumerable.Range(0, n).Select(_ => new List<TokenLogprob>()).ToArray();
        var finishes = new FinishReason?[n];
        do
        {
            var token = tokens.Current;
            response.Count(token);
            texts[token.Index].Append(token.Text);
            if (token.Logprob is not null) { logprobs[token.Index].Add(token.Logprob); }
            finishes[token.Index] ??= token.Finish;
        }
        while (await tokens.MoveNextAsync());

        context.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(context.Response.Body, CompletionJson.WriterOptions);
        response.WriteComplete(json, [.. texts.Select(t => t.ToString())], logprobs, finishes);
        await json.FlushAsync(ct);
    }
}
