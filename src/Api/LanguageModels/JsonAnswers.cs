using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace InteractionLab.Api.LanguageModels;

/// <summary>
/// Models asked for JSON now and then wrap it in a Markdown code fence or a sentence ("Here it is: {…}"). The JSON
/// answer is the text from the first <c>{</c> to the last <c>}</c>; <see cref="JsonAnswerChatClient"/> hands only that
/// to the caller, so <c>GetResponseAsync&lt;T&gt;</c> reads the object the prompt asked for.
/// </summary>
public static class JsonAnswers
{
    /// <summary>The problem <see cref="Read{T}(string?, JsonSerializerOptions)"/> reports when the answer holds no JSON object.</summary>
    public const string NoObject = "no JSON object";

    private static readonly JsonDocumentOptions Lenient = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>
    /// The JSON object in <paramref name="answer"/>, or null when there is no <c>{…}</c> in it. Trailing commas and
    /// comments are taken out (the typed reader refuses them); an object that still does not parse is returned as it
    /// is, so that the reader reports what is wrong with it.
    /// </summary>
    public static string? ObjectIn(string? answer)
    {
        var text = answer ?? "";
        var start = text.IndexOf('{');
        var end = text.LastIndexOf('}');
        if (start < 0 || end <= start) return null;
        var found = text[start..(end + 1)];
        try
        {
            return JsonNode.Parse(found, documentOptions: Lenient)?.ToJsonString() ?? found;
        }
        catch (JsonException)
        {
            return found;
        }
    }

    /// <summary>
    /// Reads a model's answer as <typeparamref name="T"/> exactly as a structured call does (the object in the text,
    /// then <see cref="ChatResponse{T}"/>): the value, or null with why not (no object, unreadable JSON, empty).
    /// </summary>
    public static (T? Value, string? Problem) Read<T>(string? answer, JsonSerializerOptions json) where T : class
    {
        if (ObjectIn(answer) is not { } obj) return (null, NoObject);
        var response = new ChatResponse<T>(new ChatResponse(new ChatMessage(ChatRole.Assistant, obj)), json);
        return Result(response);
    }

    /// <summary>The value of a structured answer, or null with why it could not be read (<see cref="NoObject"/>, or the reader's message).</summary>
    public static (T? Value, string? Problem) Result<T>(ChatResponse<T> response) where T : class
    {
        if (ObjectIn(response.Text) is null) return (null, NoObject);
        try
        {
            return (response.Result, null);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException)
        {
            return (null, e.Message);
        }
    }
}
