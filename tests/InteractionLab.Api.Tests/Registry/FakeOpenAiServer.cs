using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InteractionLab.Api.Tests.Registry;

/// <summary>
/// An OpenAI-compatible server on real Kestrel, standing in for an external paid API at the HTTP level.
/// Model "gpt-test" streams "Hello there" with usage 12/2; model "hang" sends one piece and then nothing.
/// </summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    /// <summary>Authorization headers seen, in order.</summary>
    public ConcurrentQueue<string> Authorizations { get; } = new();
    /// <summary>Chat requests received.</summary>
    public int ChatRequests;

    private FakeOpenAiServer(WebApplication app) => _app = app;

    /// <summary>Base URL including /v1.</summary>
    public string BaseUrl => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
        .Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/v1";

    /// <summary>Starts a server on a free port.</summary>
    public static async Task<FakeOpenAiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeOpenAiServer(app);
        app.MapGet("/v1/models", (HttpContext http) =>
        {
            server.Authorizations.Enqueue(http.Request.Headers.Authorization.ToString());
            return Results.Json(new { @object = "list", data = new[] { new { id = "gpt-test", @object = "model" }, new { id = "hang", @object = "model" } } });
        });
        app.MapPost("/v1/chat/completions", async (HttpContext http) =>
        {
            server.Authorizations.Enqueue(http.Request.Headers.Authorization.ToString());
            Interlocked.Increment(ref server.ChatRequests);
            using var body = await JsonDocument.ParseAsync(http.Request.Body);
            var model = body.RootElement.GetProperty("model").GetString();
            http.Response.ContentType = "text/event-stream";
            await Chunk(http, new { id = "c1", @object = "chat.completion.chunk", created = 1, model, choices = new[] { new { index = 0, delta = new { role = "assistant", content = "Hello" }, finish_reason = (string?)null } } });
            if (model == "hang")
            {
                await Task.Delay(Timeout.Infinite, http.RequestAborted);
                return;
            }
            await Chunk(http, new { id = "c1", @object = "chat.completion.chunk", created = 1, model, choices = new[] { new { index = 0, delta = new { role = (string?)null, content = " there" }, finish_reason = (string?)"stop" } } });
            await Chunk(http, new { id = "c1", @object = "chat.completion.chunk", created = 1, model, choices = Array.Empty<object>(), usage = new { prompt_tokens = 12, completion_tokens = 2, total_tokens = 14 } });
            await http.Response.WriteAsync("data: [DONE]\n\n");
        });
        await app.StartAsync();
        return server;
    }

    private static async Task Chunk(HttpContext http, object chunk)
    {
        await http.Response.WriteAsync("data: " + JsonSerializer.Serialize(chunk) + "\n\n");
        await http.Response.Body.FlushAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
