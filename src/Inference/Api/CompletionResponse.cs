using System.Text.Json;
using InteractionLab.Inference.Engine;

namespace InteractionLab.Inference.Api;

/// <summary>Writes chat.completion(.chunk) or text_completion objects for one request.</summary>
internal sealed class CompletionResponse(HttpCompletionRequest parsed, GenerationRequest request, bool chat)
{
    private readonly string _id = (chat ? "chatcmpl-" : "cmpl-") + Guid.NewGuid().ToString("N");
    private readonly long _created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    private readonly bool[] _roleSent = new bool[request.N];
    private readonly int[] _textOffsets = new int[request.N];
    private int _completionTokens;

    public GenerationRequest Request => request;

    public bool IncludeUsage => parsed.IncludeUsage;

    public void Count(GeneratedToken token) => _completionTokens++;

    public void WriteChunk(Utf8JsonWriter w, int index, string? text, TokenLogprob? logprob, FinishReason? finish)
    {
        w.WriteStartObject();
        CompletionJson.Header(w, _id, chat ? "chat.completion.chunk" : "text_completion", _created, parsed.Model, request.Seed);
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", index);
        if (chat)
        {
            w.WriteStartObject("delta");
            if (text is not null)
            {
                if (!_roleSent[index]) { w.WriteString("role", "assistant"); _roleSent[index] = true; }
                w.WriteString("content", text);
            }

            w.WriteEndObject();
            WriteChatLogprobs(w, logprob is null ? [] : [logprob]);
        }
        else
        {
            w.WriteString("text", text ?? "");
            if (logprob is null) { w.WriteNull("logprobs"); }
            else { CompletionJson.TextLogprobs(w, [logprob], _textOffsets[index]); }
            _textOffsets[index] += text?.Length ?? 0;
        }

        CompletionJson.FinishReason(w, finish);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public void WriteUsageChunk(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        CompletionJson.Header(w, _id, chat ? "chat.completion.chunk" : "text_completion", _created, parsed.Model, request.Seed);
        w.WriteStartArray("choices");
        w.WriteEndArray();
        CompletionJson.Usage(w, request.PromptIds.Count, _completionTokens);
        w.WriteEndObject();
    }

    public void WriteComplete(Utf8JsonWriter w, string[] texts, List<TokenLogprob>[] logprobs, FinishReason?[] finishes)
    {
        w.WriteStartObject();
        CompletionJson.Header(w, _id, chat ? "chat.completion" : "text_completion", _created, parsed.Model, request.Seed);
        w.WriteStartArray("choices");
        for (var i = 0; i < texts.Length; i++)
        {
            w.WriteStartObject();
            w.WriteNumber("index", i);
            if (chat)
            {
                w.WriteStartObject("message");
                w.WriteString("role", "assistant");
                w.WriteString("content", texts[i]);
                w.WriteEndObject();
                WriteChatLogprobs(w, logprobs[i]);
            }
            else
            {
                w.WriteString("text", texts[i]);
                if (parsed.TopLogprobs < 0) { w.WriteNull("logprobs"); }
                else { CompletionJson.TextLogprobs(w, logprobs[i], 0); }
            }

            CompletionJson.FinishReason(w, finishes[i]);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        CompletionJson.Usage(w, request.PromptIds.Count, _completionTokens);
        w.WriteEndObject();
    }

    private void WriteChatLogprobs(Utf8JsonWriter w, IReadOnlyList<TokenLogprob> logprobs)
    {
        if (parsed.TopLogprobs < 0)
        {
            w.WriteNull("logprobs");
            return;
        }

        w.WriteStartObject("logprobs");
        w.WriteStartArray("content");
        foreach (var lp in logprobs) { CompletionJson.ChatLogprob(w, lp); }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
