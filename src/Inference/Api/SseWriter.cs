using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace InteractionLab.Inference.Api;

/// <summary>
/// Writes server-sent events ("data: {json}\n\n") straight into the response pipe, Kestrel's pooled memory, with no
/// intermediate string or array. Events are only sent when <see cref="FlushAsync"/> is called, so several events
/// written back to back leave in one chunk. One JSON writer per stream is reused for every event.
/// </summary>
internal sealed class SseWriter : IDisposable
{
    private readonly Utf8JsonWriter _json;

    public SseWriter(HttpResponse response)
        : this(response.BodyWriter)
    {
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no"; // proxies such as nginx must not hold tokens back
        response.HttpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
    }

    /// <summary>Writes into any pipe (tests compare the bytes of the two chunk writers this way).</summary>
    public SseWriter(PipeWriter body)
    {
        Body = body;
        _json = new Utf8JsonWriter(body, CompletionJson.WriterOptions);
    }

    /// <summary>The response pipe, for bytes that were serialised once per stream.</summary>
    public PipeWriter Body { get; }

    /// <summary>Starts an event; write one JSON object into the returned writer, then call <see cref="End"/>.</summary>
    public Utf8JsonWriter Begin()
    {
        Body.Write("data: "u8);
        return Json();
    }

    /// <summary>The stream's JSON writer, reset to append to the pipe (also for a single string value).</summary>
    public Utf8JsonWriter Json()
    {
        _json.Reset(Body);
        return _json;
    }

    /// <summary>Ends an event begun with <see cref="Begin"/>.</summary>
    public void End()
    {
        _json.Flush();
        Body.Write("\n\n"u8);
    }

    /// <summary>Sends everything written so far; completes synchronously (no allocation) unless the client is slow.</summary>
    public ValueTask FlushAsync(CancellationToken ct)
    {
        var flush = Body.FlushAsync(ct);
        return flush.IsCompletedSuccessfully ? default : new ValueTask(flush.AsTask());
    }

    /// <summary>The terminating "data: [DONE]" event, sent at once.</summary>
    public ValueTask<FlushResult> SendDoneAsync(CancellationToken ct)
    {
        Body.Write("data: [DONE]\n\n"u8);
        return Body.FlushAsync(ct);
    }

    /// <summary>An in-band error event (rare: the allocation does not matter), sent at once.</summary>
    public ValueTask<FlushResult> SendErrorAsync(string errorJson, CancellationToken ct)
    {
        Body.Write("data: "u8);
        Body.Write(System.Text.Encoding.UTF8.GetBytes(errorJson));
        Body.Write("\n\n"u8);
        return Body.FlushAsync(ct);
    }

    public void Dispose() => _json.Dispose();
}
