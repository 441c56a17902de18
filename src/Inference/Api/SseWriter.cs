using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace InteractionLab.Inference.Api;

/// <summary>
/// Writes server-sent events ("data: {json}\n\n") straight into the response pipe and flushes each one so the
/// token reaches the client at once. One JSON writer per stream is reused for every chunk; nothing is copied.
/// </summary>
internal sealed class SseWriter : IDisposable
{
    private readonly PipeWriter _body;
    private readonly Utf8JsonWriter _json;

    public SseWriter(HttpResponse response)
    {
        _body = response.BodyWriter;
        _json = new Utf8JsonWriter(_body, CompletionJson.WriterOptions);
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no"; // proxies such as nginx must not hold tokens back
        response.HttpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
    }

    public Utf8JsonWriter Begin()
    {
        _body.Write("data: "u8);
        _json.Reset(_body);
        return _json;
    }

    public async ValueTask SendAsync(CancellationToken ct)
    {
        _json.Flush();
        _body.Write("\n\n"u8);
        await _body.FlushAsync(ct);
    }

    public async ValueTask SendRawAsync(string data, CancellationToken ct)
    {
        _body.Write(Encoding.UTF8.GetBytes($"data: {data}\n\n"));
        await _body.FlushAsync(ct);
    }

    public void Dispose() => _json.Dispose();
}
