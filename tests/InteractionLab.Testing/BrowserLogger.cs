using System.Text.Json;
using System.Text.Json.Serialization;
using InteractionLab.Api.Tracing;
using Microsoft.AspNetCore.SignalR.Client;

namespace InteractionLab.Testing;

/// <summary>
/// One page's trace logger, speaking the browser's protocol over a hub connection: its own instance id, events
/// numbered from 1 with a nonce in every payload, an outbox that keeps each event until the server lists it as stored.
/// Payloads go out as raw JSON text, the way the browser's <c>JSON.stringify</c> writes them, so that half an emoji
/// reaches the server as the escape <c>\udc00</c> just as it would from a page.
/// </summary>
public sealed class BrowserLogger(HubConnection hub, string? instance = null)
{
    private long _next = 1;

    /// <summary>The page instance.</summary>
    public string Instance { get; } = instance ?? Guid.NewGuid().ToString();

    /// <summary>Recorded and not yet acknowledged, oldest first.</summary>
    public List<RawEvent> Outbox { get; } = [];

    /// <summary>Nonces of every event recorded.</summary>
    public List<string> Recorded { get; } = [];

    /// <summary>Nonces of the events the server acknowledged.</summary>
    public HashSet<string> Acknowledged { get; } = [];

    /// <summary>
    /// Records an event whose payload is <paramref name="fields"/> (raw JSON members, e.g. <c>"text":"a"</c>) plus a
    /// unique nonce.
    /// </summary>
    public RawEvent Record(string type = "text.insert", string? fields = null)
    {
        var nonce = Guid.NewGuid().ToString("N");
        var payload = $"{{\"nonce\":\"{nonce}\"" + (fields is null ? "" : "," + fields) + "}";
        var e = new RawEvent(_next++, type, 1_700_000_000_000 + _next, payload) { Nonce = nonce };
        Outbox.Add(e);
        Recorded.Add(nonce);
        return e;
    }

    /// <summary>Sends the oldest <paramref name="max"/> queued events and drops those acknowledged.</summary>
    public Task<TraceAck> SendAsync(int max = 50, CancellationToken ct = default) => SendAsync(Outbox.Take(max).ToList(), ct);

    /// <summary>Sends exactly <paramref name="events"/> (e.g. a batch again whose ack was lost).</summary>
    public async Task<TraceAck> SendAsync(IReadOnlyList<RawEvent> events, CancellationToken ct = default)
    {
        var ack = await hub.InvokeAsync<TraceAck>("AppendEvents", new RawBatch(Instance, events), ct);
        var stored = ack.Sequences.ToHashSet();
        foreach (var e in events.Where(e => stored.Contains(e.Sequence)))
        {
            Acknowledged.Add(e.Nonce);
            Outbox.Remove(e);
        }
        return ack;
    }

    /// <summary>Sends batches of <paramref name="max"/> until the outbox is empty or a batch stores nothing.</summary>
    public async Task FlushAsync(int max = 50)
    {
        while (Outbox.Count > 0 && (await SendAsync(max)).Sequences.Count > 0)
        {
        }
    }

    /// <summary>An event as the browser sends it.</summary>
    public sealed record RawEvent(long Sequence, string Type, long ClientTimeMs, [property: JsonConverter(typeof(RawJson))] string Payload)
    {
        /// <summary>The nonce inside the payload (not sent separately).</summary>
        [JsonIgnore] public string Nonce { get; init; } = "";
    }

    /// <summary>A batch as the browser sends it.</summary>
    public sealed record RawBatch(string? Instance, IReadOnlyList<RawEvent> Events);

    private sealed class RawJson : JsonConverter<string>
    {
        public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            JsonDocument.ParseValue(ref reader).RootElement.GetRawText();

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value, skipInputValidation: true);
    }
}
