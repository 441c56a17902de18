using System.Text.Json;

namespace InteractionLab.Api.Tracing;

/// <summary>One browser event as sent in a batch.</summary>
/// <param name="Sequence">The event's number within its page (the batch's instance), from 1, assigned by the browser logger.</param>
/// <param name="Type">Event type, e.g. <c>text.insert</c> (<c>^[a-z0-9][a-z0-9._-]{0,63}$</c>).</param>
/// <param name="ClientTimeMs">Browser clock, ms since the Unix epoch.</param>
/// <param name="Payload">Event data (JSON; up to 1 MB is stored as it came, anything else in a safe form).</param>
public sealed record TraceEventInput(long Sequence, string Type, long ClientTimeMs, JsonElement? Payload = null);
