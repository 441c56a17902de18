using System.Text.Json.Nodes;
using InteractionLab.Api.Tasks.MetaphorWriting;
using InteractionLab.Domain.Writing;

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

    /// <summary>The events one second apart from 1700000000000 ms on (payload <c>eventTimestamp</c> and client time),
    /// so a trace's elapsed times do not depend on the shared event counter.</summary>
    public static IReadOnlyList<StoredWritingEvent> OneSecondApart(params StoredWritingEvent[] events) =>
        events.Select((e, i) =>
        {
            var payload = JsonNode.Parse(e.Payload)!.AsObject();
            var ms = 1700000000000 + 1000L * i;
            payload["eventTimestamp"] = ms;
            return e with { Payload = payload.ToJsonString(), ClientTimeMs = ms };
        }).ToList();

    /// <summary>
    /// "Love is " typed, suggestion "a long road" picked, "." typed, the sentence added (editor cleared), then one
    /// more list shown and closed. One sentence block, events 0–7 (7 s → round(7/60, 2) = 0.12 min): 1 query,
    /// 1 open, 1 select → acceptance 100; completion "a long road", sentence "Love is a long road.": tokens
    /// [a, long, road] → [Love, is, a, long, road.] = 2 inserts + 1 substitution = 3; characters "Love is " + "." = 9.
    /// The list after it (events 8–10) is in no block.
    /// </summary>
    public static IReadOnlyList<StoredWritingEvent> LoveIsAJourney() => OneSecondApart(
        Init(), Insert(0, "Love is "), Get(), Open("a bridge", "a long road"), Select(1, "a bridge", "a long road"),
        Insert(8, "a long road", "api"), Insert(19, "."), Delete(0, 20, "api", SentenceBlocks.EditorSubmissionReason),
        Get(), Open("x", "y"), Close());

    /// <summary>"Time flies" picked, "flies" deleted, "crawls." typed, never added to the list: no sentence block.</summary>
    public static IReadOnlyList<StoredWritingEvent> TimeCrawls() => OneSecondApart(
        Init(), Get(), Open("Time flies"), Select(0, "Time flies"), Insert(0, "Time flies", "api"), Delete(5, 5), Insert(5, "crawls."));
}
