using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InteractionLab.Testing;

/// <summary>
/// An OpenAI-compatible chat endpoint on real Kestrel that plays a values interviewer by script — the one place a
/// language model is faked (it stands for a paid LM API, at the HTTP level). It answers
/// <c>POST /v1/chat/completions</c>: streamed interviewer turns as SSE chunks (text, or a <c>tool_calls</c> chunk
/// when the participant's last message contains "card" or "submit"), and non-streamed drafting, decision and
/// same-value calls as JSON. The first draft of each chat breaks a card rule so that the redraft path runs. An LM
/// judge's calls (an annotation project's items) are answered by <see cref="Judge"/>.
/// </summary>
public sealed class ScriptedInterviewer : IAsyncDisposable
{
    /// <summary>The card the redraft returns (passes the card rules).</summary>
    public const string GoodCard = """{"title":"Space to grieve at their pace","description":"Letting a grieving friend set the pace of contact.","attentionalPolicies":["MOMENTS when a friend needs quiet more than company","SIGNS that an invitation would feel like pressure","OPPORTUNITIES to stay present without asking for anything"]}""";
    /// <summary>The first draft (policy 3 is a bare virtue word).</summary>
    public const string FirstDraft = "```json\n" + """{"title":"Space to grieve at their pace","description":"Letting a grieving friend set the pace of contact.","attentionalPolicies":["MOMENTS when a friend needs quiet more than company","SIGNS that an invitation would feel like pressure","Patience"]}""" + "\n```";

    private readonly WebApplication _app;

    /// <summary>Every request body received, in order.</summary>
    public ConcurrentQueue<JsonObject> Requests { get; } = new();

    /// <summary>What an LM judge's call answers, from the item it was shown (the last user message).</summary>
    public Func<string, string> Judge { get; set; } = _ => "{}";

    /// <summary>What the same-value confirmation answers.</summary>
    public string SameValueAnswer { get; set; } = "yes";

    private ScriptedInterviewer(WebApplication app) => _app = app;

    /// <summary>The base URL including <c>/v1</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Starts the server on a free port.</summary>
    public static async Task<ScriptedInterviewer> StartAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new ScriptedInterviewer(app);
        app.MapPost("/v1/chat/completions", server.AnswerAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = address.TrimEnd('/') + "/v1";
        return server;
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        Requests.Enqueue(body);
        var messages = body["messages"]!.AsArray().Select(m => m!.AsObject()).ToList();
        var system = Content(messages.FirstOrDefault(m => (string?)m["role"] == "system"));
        var all = string.Join("\n", messages.Select(Content));
        if (body["stream"]?.GetValue<bool>() != true)
        {
            var text = system.StartsWith("You rate items for a research study", StringComparison.Ordinal)
                ? Judge(Content(messages.LastOrDefault(m => (string?)m["role"] == "user")))
                : system.StartsWith("You turn an interview transcript", StringComparison.Ordinal)
                ? (system.Contains("breaks these card-writing rules", StringComparison.Ordinal) ? GoodCard : FirstDraft)
                : all.Contains("same value", StringComparison.Ordinal) ? SameValueAnswer
                : """{"action":"none"}""";
            await context.Response.WriteAsJsonAsync(new
            {
                id = "s1", @object = "chat.completion", created = 1, model = (string?)body["model"],
                choices = new[] { new { index = 0, message = new { role = "assistant", content = text }, finish_reason = "stop" } },
                usage = new { prompt_tokens = 10, completion_tokens = 10, total_tokens = 20 },
            });
            return;
        }

        context.Response.ContentType = "text/event-stream";
        var lastUser = Content(messages.LastOrDefault(m => (string?)m["role"] == "user")).ToLowerInvariant();
        if (messages.Any(m => (string?)m["role"] == "tool"))
            await TextAsync(context, "Here is a draft of your card. Does it capture what you care about?");
        else if (lastUser.Contains("submit", StringComparison.Ordinal))
            await ToolCallAsync(context, "submit_values_card");
        else if (lastUser.Contains("card", StringComparison.Ordinal))
            await ToolCallAsync(context, "show_values_card");
        else
            await TextAsync(context, "What do you notice first when she cancels?");
    }

    private static string Content(JsonObject? message) => message?["content"] switch
    {
        JsonValue v => v.GetValue<string>(),
        JsonArray parts => string.Concat(parts.Select(p => (string?)p?["text"] ?? "")),
        _ => "",
    };

    private static async Task TextAsync(HttpContext context, string text)
    {
        foreach (var word in text.Split(' '))
            await ChunkAsync(context, new JsonObject { ["role"] = "assistant", ["content"] = word + " " }, null);
        await ChunkAsync(context, new JsonObject(), "stop");
        await DoneAsync(context);
    }

    private static async Task ToolCallAsync(HttpContext context, string name)
    {
        await ChunkAsync(context, new JsonObject
        {
            ["role"] = "assistant",
            ["tool_calls"] = new JsonArray(new JsonObject
            {
                ["index"] = 0, ["id"] = "call_" + name, ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = name, ["arguments"] = "" },
            }),
        }, null);
        await ChunkAsync(context, new JsonObject
        {
            ["tool_calls"] = new JsonArray(new JsonObject { ["index"] = 0, ["function"] = new JsonObject { ["arguments"] = "{}" } }),
        }, null);
        await ChunkAsync(context, new JsonObject(), "tool_calls");
        await DoneAsync(context);
    }

    private static async Task ChunkAsync(HttpContext context, JsonObject delta, string? finish)
    {
        var chunk = new JsonObject
        {
            ["id"] = "s1", ["object"] = "chat.completion.chunk", ["created"] = 1, ["model"] = "interviewer",
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }),
        };
        await context.Response.WriteAsync("data: " + chunk.ToJsonString() + "\n\n");
        await context.Response.Body.FlushAsync();
    }

    private static async Task DoneAsync(HttpContext context)
    {
        await context.Response.WriteAsync("data: [DONE]\n\n");
        await context.Response.Body.FlushAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
