using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InteractionLab.Api.Tests.MoralGraph;

/// <summary>
/// An OpenAI-compatible chat endpoint on real Kestrel whose answers a test scripts: the one place an LM is faked, at
/// the HTTP level. Each non-streaming <c>/v1/chat/completions</c> request gets <c>reply(system, user)</c> as content
/// (or, from the asynchronous overload, whenever the test lets the answer go).
/// </summary>
public sealed class ScriptedOpenAiServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    /// <summary>Every request body received, in order.</summary>
    public ConcurrentQueue<JsonElement> Requests { get; } = new();

    private ScriptedOpenAiServer(WebApplication app) => _app = app;

    /// <summary>Base URL including /v1.</summary>
    public string BaseUrl => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
        .Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/v1";

    /// <summary>Starts a server on a free port answering with <paramref name="reply"/>(system prompt, user message).</summary>
    public static Task<ScriptedOpenAiServer> StartAsync(Func<string, string, string> reply) =>
        StartAsync((system, user, _) => Task.FromResult(reply(system, user)));

    /// <summary>
    /// Starts a server whose answers may wait (to hold a model call open): <paramref name="reply"/>(system prompt, user
    /// message, a token cancelled when the caller hangs up).
    /// </summary>
    public static async Task<ScriptedOpenAiServer> StartAsync(Func<string, string, CancellationToken, Task<string>> reply)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new ScriptedOpenAiServer(app);
        app.MapPost("/v1/chat/completions", async (HttpContext http) =>
        {
            using var body = await JsonDocument.ParseAsync(http.Request.Body);
            var root = body.RootElement.Clone();
            server.Requests.Enqueue(root);
            var messages = root.GetProperty("messages").EnumerateArray().ToList();
            string Content(string role) => messages.Where(m => m.GetProperty("role").GetString() == role).Select(m => m.GetProperty("content").GetString()).FirstOrDefault() ?? "";
            var content = await reply(Content("system"), Content("user"), http.RequestAborted);
            return Results.Json(new
            {
                id = "c1", @object = "chat.completion", created = 1, model = root.GetProperty("model").GetString(),
                choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
                usage = new { prompt_tokens = 10, completion_tokens = 10, total_tokens = 20 },
            });
        });
        await app.StartAsync();
        return server;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
