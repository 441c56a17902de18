using System.Buffers;
using System.Globalization;
using System.Text.Json;
using InteractionLab.Inference.Engine;

namespace InteractionLab.Inference.Api;

/// <summary>Writes chat.completion(.chunk) or text_completion objects for one request, created at <paramref name="time"/>'s now.</summary>
internal sealed class CompletionResponse(HttpCompletionRequest parsed, GenerationRequest request, bool chat, TimeProvider time)
{
    private readonly string _id = (chat ? "chatcmpl-" : "cmpl-") + Guid.NewGuid().ToString("N");
    private readonly long _created = time.GetUtcNow().ToUnixTimeSeconds();
    private readonly bool[] _roleSent = new bool[request.N];
    private readonly int[] _textOffsets = new int[request.N];
    private int _completionTokens;
    private byte[]? _eventPrefix;

    /// <summary>
    /// Bench-only chunk field, written when the request carries <see cref="CompletionEndpoint.TokenTimestampsHeader"/>:
    /// the <see cref="System.Diagnostics.Stopwatch"/> timestamp at which the engine produced the token.
    /// </summary>
    public const string ProducedAtField = "produced_at_ticks";

    public GenerationRequest Request => request;

    public bool IncludeUsage => parsed.IncludeUsage;

    public void Count(GeneratedToken token) => _completionTokens++;

    public void WriteChunk(Utf8JsonWriter w, int index, string? text, TokenLogprob? logprob, FinishReason? finish, long? producedAt = null)
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
        if (producedAt is { } ticks) { w.WriteNumber(ProducedAtField, ticks); }
        w.WriteEndObject();
    }

    /// <summary>
    /// Writes the event of one text piece. The usual one (text only: no logprobs, not a choice's first piece, no
    /// finish) is assembled from bytes serialised once per stream plus the escaped text, the same bytes as
    /// <see cref="WriteChunk"/> writes (a test compares the two); anything else goes through <see cref="WriteChunk"/>.
    /// </summary>
    public void WriteTextEvent(SseWriter sse, int index, string text, TokenLogprob? logprob, long? producedAt)
    {
        if (logprob is not null || parsed.TopLogprobs >= 0 || (chat && !_roleSent[index]))
        {
            WriteChunk(sse.Begin(), index, text, logprob, null, producedAt);
            sse.End();
            return;
        }

        var body = sse.Body;
        body.Write(_eventPrefix ??= EventPrefix());
        WriteNumber(body, index);
        body.Write(chat ? ",\"delta\":{\"content\":"u8 : ",\"text\":"u8);
        var json = sse.Json();
        json.WriteStringValue(text);
        json.Flush();
        body.Write(chat ? "},\"logprobs\":null,\"finish_reason\":null}]"u8 : ",\"logprobs\":null,\"finish_reason\":null}]"u8);
        if (producedAt is { } ticks)
        {
            body.Write(",\"produced_at_ticks\":"u8); // ProducedAtField
            WriteNumber(body, ticks);
        }

        body.Write("}\n\n"u8);
        if (!chat) { _textOffsets[index] += text.Length; }
    }

    private static void WriteNumber(IBufferWriter<byte> body, long value)
    {
        var span = body.GetSpan(20);
        value.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
        body.Advance(written);
    }

    /// <summary>"data: {" and every field up to the choice's index, which never change within a stream.</summary>
    private byte[] EventPrefix()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        buffer.Write("data: "u8);
        using (var w = new Utf8JsonWriter(buffer, CompletionJson.WriterOptions))
        {
            w.WriteStartObject();
            CompletionJson.Header(w, _id, chat ? "chat.completion.chunk" : "text_completion", _created, parsed.Model, request.Seed);
            w.WriteStartArray("choices");
            w.WriteStartObject();
            w.WritePropertyName("index");
            w.Flush(); // an unfinished object on purpose: the rest is appended per event
        }

        return buffer.WrittenSpan.ToArray();
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
