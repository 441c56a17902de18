using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace InteractionLab.Testing.LanguageModel;

/// <summary>
/// A <see cref="ScriptedReply"/> in OpenAI's chat-completions wire format
/// (https://platform.openai.com/docs/api-reference/chat): a <c>chat.completion</c> object, or a stream of
/// <c>chat.completion.chunk</c> server-sent events — one per piece, the last piece carrying the finish reason (a tool
/// call: its name, then its arguments, then an empty delta with <c>tool_calls</c>), then the usage chunk with empty
/// choices when the reply reports usage, then <c>data: [DONE]</c>.
/// </summary>
internal static class OpenAiWire
{
    private const string Id = "scripted-1";

    public static async Task AnswerAsync(HttpContext http, ChatCall call, ScriptedReply reply)
    {
        if (call.Stream) await StreamAsync(http, call.Model, reply);
        else if (reply.HangsAfterFirstPiece) await HangAsync(http);
        else await http.Response.WriteAsJsonAsync(Completion(call.Model, reply));
    }

    private static JsonObject Completion(string model, ScriptedReply reply)
    {
        var message = new JsonObject { ["role"] = "assistant", ["content"] = reply.ToolCall is null ? reply.Text : null };
        if (reply.ToolCall is { } function)
            message["tool_calls"] = new JsonArray(new JsonObject
            {
                ["id"] = "call_" + function, ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = function, ["arguments"] = "{}" },
            });
        var (input, output) = reply.Usage ?? (10, 10);
        return new JsonObject
        {
            ["id"] = Id, ["object"] = "chat.completion", ["created"] = 1, ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0, ["message"] = message, ["finish_reason"] = reply.ToolCall is null ? "stop" : "tool_calls",
            }),
            ["usage"] = Usage(input, output),
        };
    }

    private static async Task StreamAsync(HttpContext http, string model, ScriptedReply reply)
    {
        http.Response.ContentType = "text/event-stream";
        if (reply.ToolCall is { } function)
        {
            await ChunkAsync(http, model, new JsonObject
            {
                ["role"] = "assistant",
                ["tool_calls"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0, ["id"] = "call_" + function, ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = function, ["arguments"] = "" },
                }),
            }, null);
            await ChunkAsync(http, model, new JsonObject
            {
                ["tool_calls"] = new JsonArray(new JsonObject { ["index"] = 0, ["function"] = new JsonObject { ["arguments"] = "{}" } }),
            }, null);
            await ChunkAsync(http, model, new JsonObject(), "tool_calls");
        }
        else
        {
            var pieces = reply.Pieces;
            for (var i = 0; i < pieces.Count; i++)
            {
                var delta = new JsonObject { ["content"] = pieces[i] };
                if (i == 0) delta["role"] = "assistant";
                var last = i == pieces.Count - 1 && !reply.HangsAfterFirstPiece;
                await ChunkAsync(http, model, delta, last ? "stop" : null);
                if (reply.HangsAfterFirstPiece)
                {
                    await HangAsync(http);
                    return;
                }
            }
        }
        if (reply.Usage is var (input, output))
            await WriteAsync(http, new JsonObject
            {
                ["id"] = Id, ["object"] = "chat.completion.chunk", ["created"] = 1, ["model"] = model,
                ["choices"] = new JsonArray(), ["usage"] = Usage(input, output),
            });
        await http.Response.WriteAsync("data: [DONE]\n\n");
        await http.Response.Body.FlushAsync();
    }

    /// <summary>A model that stops sending: holds the connection until the caller gives up.</summary>
    private static async Task HangAsync(HttpContext http)
    {
        try { await Task.Delay(Timeout.Infinite, http.RequestAborted); }
        catch (OperationCanceledException) { }
    }

    private static JsonObject Usage(int input, int output) =>
        new() { ["prompt_tokens"] = input, ["completion_tokens"] = output, ["total_tokens"] = input + output };

    private static Task ChunkAsync(HttpContext http, string model, JsonObject delta, string? finish) => WriteAsync(http, new JsonObject
    {
        ["id"] = Id, ["object"] = "chat.completion.chunk", ["created"] = 1, ["model"] = model,
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }),
    });

    private static async Task WriteAsync(HttpContext http, JsonObject chunk)
    {
        await http.Response.WriteAsync("data: " + chunk.ToJsonString() + "\n\n");
        await http.Response.Body.FlushAsync();
    }
}
