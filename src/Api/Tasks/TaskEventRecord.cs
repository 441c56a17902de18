using System.Text.Json;

namespace InteractionLab.Api.Tasks;

/// <summary>One stored task event, as task components (resume) and metric sources read it.</summary>
/// <param name="Sequence">Order within the session's server events.</param>
/// <param name="Type">Event type, e.g. <c>qa.answer</c>.</param>
/// <param name="ServerTime">When the server stored it (the clock metrics use).</param>
/// <param name="Payload">Its data (a JSON object).</param>
public sealed record TaskEventRecord(long Sequence, string Type, DateTimeOffset ServerTime, JsonElement Payload)
{
    /// <summary>A string property of the payload, or null.</summary>
    public string? Text(string name) =>
        Payload.ValueKind == JsonValueKind.Object && Payload.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>A number property of the payload, or null.</summary>
    public double? Number(string name) =>
        Payload.ValueKind == JsonValueKind.Object && Payload.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    /// <summary>Milliseconds since the Unix epoch of <see cref="ServerTime"/> (the time base of the Domain metrics).</summary>
    public long TimestampMs => ServerTime.ToUnixTimeMilliseconds();

    /// <summary>The payload as <typeparamref name="T"/> (web JSON naming).</summary>
    public T? As<T>() => Payload.Deserialize<T>(TaskEventLog.Json);
}
