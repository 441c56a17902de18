using System.Text.Json;
using InteractionLab.Api.Tracing;

namespace InteractionLab.Api.Tests.Infrastructure;

/// <summary>Builds browser-like trace batches.</summary>
public static class Events
{
    /// <summary>The page instance of batches that do not name their own.</summary>
    public const string Page = "0f6b6a4e-2c1d-4e8f-9a7b-5d3c2b1a0e9f";

    public static TraceBatch Batch(long from, long to, string type = "text.insert", string instance = Page) => new(
        Enumerable.Range((int)from, (int)(to - from + 1))
            .Select(i => new TraceEventInput(i, type, 1_700_000_000_000 + i, JsonSerializer.SerializeToElement(new { pos = i, text = "a" })))
            .ToList(), instance);
}
