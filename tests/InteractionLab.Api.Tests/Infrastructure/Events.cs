using System.Text.Json;
using InteractionLab.Api.Tracing;

namespace InteractionLab.Api.Tests.Infrastructure;

/// <summary>Builds browser-like trace batches.</summary>
public static class Events
{
    public static TraceBatch Batch(long from, long to, string type = "text.insert") => new(
        Enumerable.Range((int)from, (int)(to - from + 1))
            .Select(i => new TraceEventInput(i, type, 1_700_000_000_000 + i, JsonSerializer.SerializeToElement(new { pos = i, text = "a" })))
            .ToList());
}
