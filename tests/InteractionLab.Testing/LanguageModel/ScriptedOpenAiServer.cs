using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InteractionLab.Testing.LanguageModel;

/// <summary>
/// The one stand-in for an external language-model API, at the HTTP level: an OpenAI-compatible server on real Kestrel
/// (a free loopback port) whose answers a test scripts. <c>GET /v1/models</c> lists <see cref="Lists"/>'s models;
/// <c>POST /v1/chat/completions</c> asks the rules in the order they were added and answers with the first match's
/// <see cref="ScriptedReply"/>: as <c>chat.completion</c> JSON, or as <c>chat.completion.chunk</c> server-sent events
/// ending in <c>data: [DONE]</c> when the call asks to stream. A call no rule matches gets a 500 naming the model.
/// Every chat body and every <c>Authorization</c> header is recorded. Scripts for whole roles (e.g.
/// <see cref="InterviewerScript"/>) are sets of rules added to a server.
/// </summary>
public sealed class ScriptedOpenAiServer : IAsyncDisposable
{
    private sealed record Rule(Func<ChatCall, bool> When, Func<ChatCall, CancellationToken, Task<ScriptedReply>> Reply);

    private readonly WebApplication _app;
    private ImmutableList<Rule> _rules = [];
    private ImmutableList<string> _models = [];

    private ScriptedOpenAiServer(WebApplication app) => _app = app;

    /// <summary>Every chat request body received, in order.</summary>
    public ConcurrentQueue<JsonObject> Requests { get; } = new();

    /// <summary>The <c>Authorization</c> header of every request (models and chat), in order ("" when none was sent).</summary>
    public ConcurrentQueue<string> Authorizations { get; } = new();

    /// <summary>The base URL including <c>/v1</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Starts a server on a free port with the rules <paramref name="script"/> adds (more may be added later).</summary>
    public static async Task<ScriptedOpenAiServer> StartAsync(Action<ScriptedOpenAiServer>? script = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new ScriptedOpenAiServer(app);
        script?.Invoke(server);
        app.MapGet("/v1/models", server.ListModels);
        app.MapPost("/v1/chat/completions", server.AnswerAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = address.TrimEnd('/') + "/v1";
        return server;
    }

    /// <summary>Lists <paramref name="models"/> at <c>/v1/models</c>.</summary>
    public ScriptedOpenAiServer Lists(params string[] models)
    {
        ImmutableInterlocked.Update(ref _models, list => list.AddRange(models));
        return this;
    }

    /// <summary>Answers calls matching <paramref name="when"/> with <paramref name="reply"/>, which may wait (the token ends when the caller hangs up).</summary>
    public ScriptedOpenAiServer When(Func<ChatCall, bool> when, Func<ChatCall, CancellationToken, Task<ScriptedReply>> reply)
    {
        ImmutableInterlocked.Update(ref _rules, rules => rules.Add(new Rule(when, reply)));
        return this;
    }

    /// <summary>Answers calls matching <paramref name="when"/> with <paramref name="reply"/>.</summary>
    public ScriptedOpenAiServer When(Func<ChatCall, bool> when, Func<ChatCall, ScriptedReply> reply) =>
        When(when, (call, _) => Task.FromResult(reply(call)));

    /// <summary>Answers every call no earlier rule matched with <paramref name="reply"/>.</summary>
    public ScriptedOpenAiServer Otherwise(Func<ChatCall, ScriptedReply> reply) => When(_ => true, reply);

    /// <summary>Answers every call no earlier rule matched with <paramref name="reply"/>, which may wait.</summary>
    public ScriptedOpenAiServer Otherwise(Func<ChatCall, CancellationToken, Task<ScriptedReply>> reply) => When(_ => true, reply);

    private IResult ListModels(HttpContext http)
    {
        Authorizations.Enqueue(http.Request.Headers.Authorization.ToString());
        var data = new JsonArray([.. _models.Select(id => new JsonObject { ["id"] = id, ["object"] = "model", ["owned_by"] = "scripted" })]);
        return Results.Json(new JsonObject { ["object"] = "list", ["data"] = data });
    }

    private async Task AnswerAsync(HttpContext http)
    {
        Authorizations.Enqueue(http.Request.Headers.Authorization.ToString());
        var body = (await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted))!.AsObject();
        Requests.Enqueue(body);
        var call = new ChatCall(body);
        if (_rules.FirstOrDefault(r => r.When(call)) is not { } rule)
        {
            http.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await http.Response.WriteAsJsonAsync(new JsonObject { ["error"] = new JsonObject { ["message"] = $"No scripted reply for a call to '{call.Model}'." } });
            return;
        }
        var reply = await rule.Reply(call, http.RequestAborted);
        await OpenAiWire.AnswerAsync(http, call, reply);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
