using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InteractionLab.Api.Tests.Telemetry;

/// <summary>
/// A small OTLP/HTTP receiver on loopback (real Kestrel): it accepts what an exporter posts to <c>/v1/traces</c> and
/// <c>/v1/metrics</c> and keeps each body. Protobuf stores strings as plain UTF-8, so a test can look for a name in it
/// without a protobuf parser.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Path, string? ContentType, string Body)> _received = new();

    private OtlpReceiver(WebApplication app) => _app = app;

    /// <summary>The endpoint to configure (without the signal paths).</summary>
    public string BaseUrl => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
        .Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal);

    /// <summary>The bodies posted to <paramref name="path"/>, as text.</summary>
    public IReadOnlyList<string> Bodies(string path) => _received.Where(r => r.Path == path).Select(r => r.Body).ToList();

    /// <summary>The content type of every post.</summary>
    public IReadOnlyList<string?> ContentTypes => _received.Select(r => r.ContentType).ToList();

    /// <summary>Starts a receiver on a free port.</summary>
    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/{signal}", async (HttpContext http) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            receiver._received.Enqueue((http.Request.Path, http.Request.ContentType, Encoding.UTF8.GetString(body.ToArray())));
            http.Response.ContentType = "application/x-protobuf";
            return Results.Ok();
        });
        await app.StartAsync();
        return receiver;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
