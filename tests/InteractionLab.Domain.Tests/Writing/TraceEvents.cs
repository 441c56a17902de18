using InteractionLab.Domain.Writing;

namespace InteractionLab.Domain.Tests.Writing;

/// <summary>Terse builders for hand-made traces.</summary>
internal static class TraceEvents
{
    public static TraceEvent Init(string prompt) =>
        new() { EventName = CoAuthorEventNames.SystemInitialize, Source = EventSource.Api, CurrentDoc = prompt };

    public static TraceEvent Type(params DeltaOp[] ops) =>
        new() { EventName = CoAuthorEventNames.TextInsert, Source = EventSource.User, Delta = TextDelta.Of(ops) };

    public static TraceEvent Delete(params DeltaOp[] ops) =>
        new() { EventName = CoAuthorEventNames.TextDelete, Source = EventSource.User, Delta = TextDelta.Of(ops) };

    public static TraceEvent ApiInsert(params DeltaOp[] ops) =>
        new() { EventName = CoAuthorEventNames.TextInsert, Source = EventSource.Api, Delta = TextDelta.Of(ops) };

    public static TraceEvent Select(params DeltaOp[] ops) =>
        new() { EventName = CoAuthorEventNames.SuggestionSelect, Source = EventSource.User, Delta = ops.Length == 0 ? null : TextDelta.Of(ops) };

    public static TraceEvent Named(string name, EventSource source = EventSource.User) => new() { EventName = name, Source = source };

    public static DeltaOp R(int n) => DeltaOp.Retain(n);
    public static DeltaOp I(string text) => DeltaOp.Insert(text);
    public static DeltaOp D(int n) => DeltaOp.Delete(n);
}
