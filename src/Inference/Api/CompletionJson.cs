using System.Text.Json;
using InteractionLab.Inference.Engine;

namespace InteractionLab.Inference.Api;

/// <summary>The JSON pieces shared by chat and text completion responses, in OpenAI's field names.</summary>
internal static class CompletionJson
{
    public const string Fingerprint = "fp_interactionlab_onnx";

    /// <summary>Responses are JSON, never HTML: escaping '+', '&lt;' or quotes as \uXXXX only costs bytes.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Header(Utf8JsonWriter w, string id, string obj, long created, string model, long seed)
    {
        w.WriteString("id", id);
        w.WriteString("object", obj);
        w.WriteNumber("created", created);
        w.WriteString("model", model);
        w.WriteString("system_fingerprint", Fingerprint);
        w.WriteNumber("seed", seed); // not in OpenAI's schema: the seed actually used, so a study can reproduce the text
    }

    public static void Usage(Utf8JsonWriter w, int prompt, int completion)
    {
        w.WriteStartObject("usage");
        w.WriteNumber("prompt_tokens", prompt);
        w.WriteNumber("completion_tokens", completion);
        w.WriteNumber("total_tokens", prompt + completion);
        w.WriteEndObject();
    }

    public static void FinishReason(Utf8JsonWriter w, FinishReason? reason)
    {
        if (reason is null) { w.WriteNull("finish_reason"); }
        else { w.WriteString("finish_reason", reason == Engine.FinishReason.Length ? "length" : "stop"); }
    }

    /// <summary>One entry of chat logprobs.content.</summary>
    public static void ChatLogprob(Utf8JsonWriter w, TokenLogprob lp)
    {
        w.WriteStartObject();
        TokenFields(w, lp.Token, lp.Logprob, lp.Bytes);
        w.WriteStartArray("top_logprobs");
        foreach (var (token, logprob, bytes) in lp.Top)
        {
            w.WriteStartObject();
            TokenFields(w, token, logprob, bytes);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Legacy completions logprobs object for a run of tokens.</summary>
    public static void TextLogprobs(Utf8JsonWriter w, IReadOnlyList<TokenLogprob> lps, int textOffset)
    {
        w.WriteStartObject("logprobs");
        w.WriteStartArray("tokens");
        foreach (var lp in lps) { w.WriteStringValue(lp.Token); }
        w.WriteEndArray();
        w.WriteStartArray("token_logprobs");
        foreach (var lp in lps) { w.WriteNumberValue(lp.Logprob); }
        w.WriteEndArray();
        w.WriteStartArray("top_logprobs");
        foreach (var lp in lps)
        {
            w.WriteStartObject();
            foreach (var (token, logprob, _) in lp.Top.DistinctBy(t => t.Token)) { w.WriteNumber(token, logprob); }
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("text_offset");
        foreach (var lp in lps)
        {
            w.WriteNumberValue(textOffset);
            textOffset += lp.Token.Length;
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void TokenFields(Utf8JsonWriter w, string token, float logprob, byte[] bytes)
    {
        w.WriteString("token", token);
        w.WriteNumber("logprob", logprob);
        w.WriteStartArray("bytes");
        foreach (var b in bytes) { w.WriteNumberValue(b); }
        w.WriteEndArray();
    }
}
