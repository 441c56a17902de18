using System.Text.Json.Nodes;

namespace InteractionLab.Testing.LanguageModel;

/// <summary>
/// One <c>POST /v1/chat/completions</c> request as a <see cref="ScriptedOpenAiServer"/> rule sees it: the body as sent
/// and the parts rules usually look at (message contents may be strings or arrays of text parts).
/// </summary>
public sealed class ChatCall(JsonObject body)
{
    private readonly IReadOnlyList<JsonObject> _messages = body["messages"] is JsonArray messages ? [.. messages.OfType<JsonObject>()] : [];

    /// <summary>The request body as received.</summary>
    public JsonObject Body => body;

    /// <summary>The model asked for.</summary>
    public string Model => (string?)body["model"] ?? "";

    /// <summary>Whether the caller asked for server-sent events.</summary>
    public bool Stream => body["stream"]?.GetValue<bool>() == true;

    /// <summary>The first system message's text ("" when there is none).</summary>
    public string System => Content(_messages.FirstOrDefault(m => Role(m) == "system"));

    /// <summary>The last user message's text ("" when there is none).</summary>
    public string User => Content(_messages.LastOrDefault(m => Role(m) == "user"));

    /// <summary>Whether the conversation carries results of tool calls.</summary>
    public bool HasToolResults => _messages.Any(m => Role(m) == "tool");

    /// <summary>Every message's text, one per line.</summary>
    public string Transcript => string.Join("\n", _messages.Select(Content));

    private static string? Role(JsonObject message) => (string?)message["role"];

    private static string Content(JsonObject? message) => message?["content"] switch
    {
        JsonValue v => v.GetValue<string>(),
        JsonArray parts => string.Concat(parts.Select(p => (string?)p?["text"] ?? "")),
        _ => "",
    };
}
