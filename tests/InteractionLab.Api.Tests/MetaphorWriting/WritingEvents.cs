using InteractionLab.Api.Tasks.MetaphorWriting;

namespace InteractionLab.Api.Tests.MetaphorWriting;

/// <summary>Writing events shaped exactly like the ones js/tasks/metaphor-editor.js records (payload JSON).</summary>
internal static class WritingEvents
{
    private static int num;

    public static StoredWritingEvent Js(string name, string fields, string source = "user") =>
        new("writing." + name, $$"""{"stage":"write","eventNum":{{++num}},"eventSource":"{{source}}","eventTimestamp":1700000000000,"currentCursor":{"index":0,"length":0}{{(fields.Length > 0 ? "," + fields : "")}}}""", 1700000000000);

    public static StoredWritingEvent Init() => Js("system-initialize", "\"currentDoc\":\"\",\"textDelta\":\"\"", "api");
    public static StoredWritingEvent Insert(int at, string text, string source = "user") =>
        Js("text-insert", "\"textDelta\":{\"ops\":[" + Retain(at) + "{\"insert\":\"" + text + "\"}]}", source);
    public static StoredWritingEvent Delete(int at, int count, string source = "user", string? reason = null) =>
        Js("text-delete", "\"textDelta\":{\"ops\":[" + Retain(at) + "{\"delete\":" + count + "}]}" + (reason is null ? "" : ",\"reason\":\"" + reason + "\""), source);
    private static string Retain(int at) => at > 0 ? "{\"retain\":" + at + "}," : "";
    public static StoredWritingEvent Get() => Js("suggestion-get", "\"currentN\":5,\"currentTemperature\":0.9,\"currentMaxToken\":30");
    public static StoredWritingEvent Open(params string[] shown) => Js("suggestion-open", Suggestions(shown) + ",\"currentSuggestionIndex\":0");
    public static StoredWritingEvent Select(int index, params string[] shown) => Js("suggestion-select", Suggestions(shown) + $",\"currentSuggestionIndex\":{index}");
    public static StoredWritingEvent Close() => Js("suggestion-close", "");

    private static string Suggestions(string[] shown) =>
        "\"currentSuggestions\":[" + string.Join(",", shown.Select((s, i) => $$"""{"original":"{{s}}","trimmed":"{{s}}","index":{{i}},"model":"AI assistant"}""")) + "]";

    /// <summary>
    /// "Love is " typed, suggestion "a long road" picked, "." typed, the sentence added (editor cleared), then one
    /// more list shown and closed: 2 queries, 2 opens, 1 select; "a long road" → "Love is a long road." = 9 edits.
    /// </summary>
    public static IReadOnlyList<StoredWritingEvent> LoveIsAJourney() =>
    [
        Init(), Insert(0, "Love is "), Get(), Open("a bridge", "a long road"), Select(1, "a bridge", "a long road"),
        Insert(8, "a long road", "api"), Insert(19, "."), Delete(0, 20, "api", WritingTrace.SentenceAddReason),
        Get(), Open("x", "y"), Close(),
    ];

    /// <summary>"Time flies" picked, "flies" deleted, "crawls." typed, never added: 1/1/1; "Time flies" → "Time crawls." = 6.</summary>
    public static IReadOnlyList<StoredWritingEvent> TimeCrawls() =>
    [
        Init(), Get(), Open("Time flies"), Select(0, "Time flies"), Insert(0, "Time flies", "api"), Delete(5, 5), Insert(5, "crawls."),
    ];
}
