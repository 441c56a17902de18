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
    public static async Task HandleAsync(HttpContext context, LocalModelHost host, bool chat)
    {
        var ct = context.RequestAborted;
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
            tokens = model.GenerateAsync(request, ct).GetAsyncEnumerator(ct);
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
            var response = new CompletionResponse(parsed, request, chat);
            if (parsed.Stream)
            {
                await StreamAsync(context, response, tokens, ct);
            }
            else
            {
                await CollectAsync(context, response, tokens, ct);
            }
        }
    }

    private static async Task StreamAsync(HttpContext context, CompletionResponse response, IAsyncEnumerator<GeneratedToken> tokens, CancellationToken ct)
    {
        using var sse = new SseWriter(context.Response);
        try
        {
            do
            {
                var token = tokens.Current;
                response.Count(token);
                if (token.Text.Length > 0 || token.Logprob is not null)
                {
                    response.WriteChunk(sse.Begin(), token.Index, token.Text, token.Logprob, null);
                    await sse.SendAsync(ct);
                }

                if (token.Finish is { } finish)
                {
                    response.WriteChunk(sse.Begin(), token.Index, null, null, finish);
                    await sse.SendAsync(ct);
                }
            }
            while (await tokens.MoveNextAsync());
        }
        catch (Exception e) when (e is not OperationCanceledException && !ct.IsCancellationRequested)
        {
            // Headers are gone: report in-band the way OpenAI does, then end the stream.
            await sse.SendRawAsync(OpenAiErrors.Json($"Generation failed: {e.Message}", "server_error"), ct);
            return;
        }

        if (response.IncludeUsage)
        {
            response.WriteUsageChunk(sse.Begin());
            await sse.SendAsync(ct);
        }

        await sse.SendRawAsync("[DONE]", ct);
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
