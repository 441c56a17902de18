using System.Text;
using System.Text.Json.Nodes;
using InteractionLab.Domain.Writing;

namespace InteractionLab.Api.Tasks.MetaphorWriting;

/// <summary>One stored browser event of a writing trace, as read from the database.</summary>
/// <param name="Type"><c>writing.text-insert</c> (recorded here) or a bare CoAuthor name (imported sessions).</param>
/// <param name="Payload">The payload JSON: CoAuthor fields, without <c>eventName</c> for our own events.</param>
/// <param name="ClientTimeMs">The browser's clock, used when the payload has no <c>eventTimestamp</c>.</param>
public sealed record StoredWritingEvent(string Type, string Payload, long? ClientTimeMs);

/// <summary>
/// Turns stored writing events — the editor's <c>writing.*</c> events and imported CoAuthor lines alike — into the
/// Domain's CoAuthor <see cref="TraceEvent"/>s, so replay and metrics use exactly the reader an imported file goes
/// through.
/// </summary>
public static class WritingTrace
{
    /// <summary>Type prefix of the editor's events.</summary>
    public const string Prefix = "writing.";

    /// <summary>
    /// Converts stored events in order. The event name is the type without <see cref="Prefix"/> unless the payload
    /// names one (imported lines do); a line the CoAuthor reader refuses is left out.
    /// </summary>
    public static IReadOnlyList<TraceEvent> ToDomain(IEnumerable<StoredWritingEvent> events)
    {
        var lines = new StringBuilder();
        foreach (var e in events)
        {
            if (Line(e) is { } line) lines.Append(line).Append('\n');
        }
        return CoAuthorTraceReader.ReadText("session", lines.ToString()).Events;
    }

    /// <summary>The CoAuthor JSON line of one stored event, or null when its payload is not a JSON object.</summary>
    public static string? Line(StoredWritingEvent e)
    {
        JsonObject? payload;
        try
        {
            payload = JsonNode.Parse(e.Payload) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
        if (payload is null) return null;
        if (!payload.ContainsKey("eventName"))
            payload["eventName"] = e.Type.StartsWith(Prefix, StringComparison.Ordinal) ? e.Type[Prefix.Length..] : e.Type;
        if (!payload.ContainsKey("eventTimestamp") && e.ClientTimeMs is { } ms) payload["eventTimestamp"] = ms;
        return payload.ToJsonString();
    }
}
