using System.Text;
using InteractionLab.Domain;
using InteractionLab.Domain.Tracing;

namespace InteractionLab.Api.Tracing;

/// <summary>
/// Validates a batch of browser events and stores it idempotently. The whole batch is checked first so a bad
/// event rejects the batch before anything of it is written: the browser keeps it and the data stays whole.
/// </summary>
public sealed class TraceIngestService(ITraceEventWriter writer, TimeProvider time)
{
    /// <summary>Stores a batch and acknowledges it; 400 problem (nothing stored) when the batch breaks a limit.</summary>
    public async Task<TraceAck> AppendAsync(SessionId session, TraceBatch? batch, CancellationToken ct = default)
    {
        var rows = Validate(batch);
        var result = await writer.WriteClientEventsAsync(session, rows, time.GetUtcNow(), ct);
        return new TraceAck(rows.Select(r => r.Sequence).ToArray(), result.ClientWatermark, result.Inserted);
    }

    /// <summary>Checks every limit and returns the rows to store.</summary>
    public static IReadOnlyList<TraceEventRow> Validate(TraceBatch? batch)
    {
        if (batch?.Events is null) throw PlatformProblemException.BadInput("The batch has no events list.");
        if (batch.Events.Count > TraceRules.MaxEventsPerBatch)
            throw PlatformProblemException.BadInput($"A batch may hold at most {TraceRules.MaxEventsPerBatch} events; this one has {batch.Events.Count}. Split it.");
        var rows = new TraceEventRow[batch.Events.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            var e = batch.Events[i] ?? throw PlatformProblemException.BadInput($"Event #{i} is empty.");
            if (e.Sequence < 1)
                throw PlatformProblemException.BadInput($"Event #{i} has sequence {e.Sequence}; sequences start at 1.");
            if (!TraceRules.IsValidType(e.Type))
                throw PlatformProblemException.BadInput($"Event #{i} (sequence {e.Sequence}) has type '{Shorten(e.Type)}'; types are 1-64 characters of a-z, 0-9, '.', '_', '-' starting with a letter or digit.");
            var payload = e.Payload is { } p && p.ValueKind != System.Text.Json.JsonValueKind.Undefined ? p.GetRawText() : "{}";
            if (Encoding.UTF8.GetByteCount(payload) > TraceRules.MaxPayloadBytes)
                throw PlatformProblemException.BadInput($"Event #{i} (sequence {e.Sequence}) has a payload over {TraceRules.MaxPayloadBytes / 1024} KB.");
            // PostgreSQL's jsonb cannot hold a NUL character; refuse it here rather than fail the whole write.
            if (payload.Contains("\\u0000", StringComparison.Ordinal))
                throw PlatformProblemException.BadInput($"Event #{i} (sequence {e.Sequence}) has a NUL character (\\u0000) in its payload.");
            rows[i] = new TraceEventRow(e.Sequence, e.ClientTimeMs, e.Type, payload);
        }
        return rows;
    }

    private static string Shorten(string? s) => s is null ? "(none)" : s.Length > 70 ? s[..70] + "…" : s;
}
