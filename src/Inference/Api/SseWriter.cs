using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace InteractionLab.Inference.Api;

/// <summary>
/// Writes server-sent events ("data: {json}\n\n") and flushes each one so the token reaches the client at once.
/// One buffer and one JSON writer per stream are reused for every chunk.
/// </summary>
internal sealed class SseWriter : IDisposable
{
    private readonly HttpResponse _response;
    private readonly ArrayBufferWriter<byte> _buffer = new(2048);
    private readonly Utf8JsonWriter _json;

    public SseWriter(HttpResponse response)
    {
        _response = response;
        _json = new Utf8JsonWriter(_buffer, CompletionJson.WriterOptions);
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no"; // proxies such as nginx must not hold tokens back
        response.HttpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
    }

    public Utf8JsonWriter Begin()
    {
        _buffer.ResetWrittenCount();
        _buffer.Write("data: "u8);
        _json.Reset(_buffer);
        return _json;
    }

    public async ValueTask SendAsync(CancellationToken ct)
    {
        _json.Flush();
        _buffer.Write("\n\n"u8);
        await _response.Body.WriteAsync(_buffer.WrittenMemory, ct);
        await _response.Body.FlushAsync(ct);
    }

    public async ValueTask SendRawAsync(string data, CancellationToken ct)
    {
        await _response.WriteAsync($"data: {data}\n\n", ct);
        await _response.Body.FlushAsync(ct);
    }

    public void Dispose() => _json.Dispose();
}
