using System.Globalization;
using System.Text;
using System.Text.Json;
using InteractionLab.Domain;
using InteractionLab.Domain.Storage;
using InteractionLab.Domain.Tracing;

namespace InteractionLab.Api.Tracing;

/// <summary>
/// Checks a batch of browser events and stores it idempotently. What only a broken logger sends (no instance, a
/// sequence below 1, a malformed type, a number used twice in one batch) refuses the whole batch before anything is
/// written. What a participant can cause never does: a payload no database would take as it is (a NUL, half an emoji,
/// a number out of range, more than <see cref="TraceRules.MaxPayloadBytes"/>) is stored in a safe form with its
/// original text beside it (<see cref="StorableText"/>, the same on SQLite and PostgreSQL), so it cannot hold up the
/// events behind it.
/// </summary>
public sealed class TraceIngestService(ITraceEventWriter writer, TimeProvider time)
{
    /// <summary>Stores a batch and acknowledges what is stored; 400 problem (nothing stored) when the batch is malformed.</summary>
    public async Task<TraceAck> AppendAsync(SessionId session, TraceBatch? batch, CancellationToken ct = default)
    {
        var (instance, rows) = Validate(batch);
        var result = await writer.WriteClientEventsAsync(session, instance, rows, time.GetUtcNow(), ct);
        var stored = result.Stored.ToHashSet();
        return new TraceAck(result.Stored, result.Inserted, rows.Count(r => r.PayloadIssue is not null && stored.Contains(r.Sequence)));
    }

    /// <summary>Checks the batch and returns its page and the rows to store.</summary>
    public static (Guid Instance, IReadOnlyList<TraceEventRow> Rows) Validate(TraceBatch? batch)
    {
        if (batch?.Events is null) throw PlatformProblemException.BadInput("The batch has no events list.");
        if (!Guid.TryParse(batch.Instance, out var instance) || instance == Guid.Empty)
            throw PlatformProblemException.BadInput("The batch names no page instance (a GUID the logger draws when the page loads). Reload the page.");
        if (batch.Events.Count > TraceRules.MaxEventsPerBatch)
            throw PlatformProblemException.BadInput($"A batch may hold at most {TraceRules.MaxEventsPerBatch} events; this one has {batch.Events.Count}. Split it.");
        var rows = new TraceEventRow[batch.Events.Count];
        var seen = new HashSet<long>();
        for (var i = 0; i < rows.Length; i++)
        {
            var e = batch.Events[i] ?? throw PlatformProblemException.BadInput($"Event #{i} is empty.");
            if (e.Sequence < 1)
                throw PlatformProblemException.BadInput($"Event #{i} has sequence {e.Sequence}; sequences start at 1.");
            if (!seen.Add(e.Sequence))
                throw PlatformProblemException.BadInput($"Event #{i} repeats sequence {e.Sequence} within the batch.");
            if (!TraceRules.IsValidType(e.Type))
                throw PlatformProblemException.BadInput($"Event #{i} (sequence {e.Sequence}) has type '{Shorten(e.Type)}'; types are 1-64 characters of a-z, 0-9, '.', '_', '-' starting with a letter or digit.");
            rows[i] = Row(e);
        }
        return (instance, rows);
    }

    private static TraceEventRow Row(TraceEventInput e)
    {
        var payload = e.Payload is { ValueKind: not JsonValueKind.Undefined } p ? p.GetRawText() : "{}";
        var bytes = Encoding.UTF8.GetByteCount(payload);
        if (bytes > TraceRules.MaxPayloadBytes)
            return new TraceEventRow(e.Sequence, e.ClientTimeMs, e.Type, "{}",
                $"payload of {bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes is over the {TraceRules.MaxPayloadBytes / 1024 / 1024} MB limit; kept whole as text", payload);
        var storable = StorableText.Json(payload);
        return storable.Changed
            ? new TraceEventRow(e.Sequence, e.ClientTimeMs, e.Type, storable.Json, storable.Issue, payload)
            : new TraceEventRow(e.Sequence, e.ClientTimeMs, e.Type, payload);
    }

    private static string Shorten(string? s) => s is null ? "(none)" : s.Length > 70 ? s[..70] + "…" : s;
}
