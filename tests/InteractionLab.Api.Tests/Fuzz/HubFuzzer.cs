using System.Text.Json;
using InteractionLab.Api.Sessions;
using InteractionLab.Api.Tracing;
using InteractionLab.Domain;
using InteractionLab.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace InteractionLab.Api.Tests.Fuzz;

/// <summary>
/// A participant's hub connection sending every hub method hostile arguments: batches of events with odd sequences,
/// types, clocks and payloads, stage keys and survey answers that do not fit, messages that cannot be sent, unknown
/// methods and wrong argument counts. Acknowledged sequences go to the ledger; an error that hides an unhandled
/// exception is a failure.
/// </summary>
public sealed class HubFuzzer(PlatformFactory platform, FuzzLedger ledger, string slug, int seed)
{
    private static readonly JsonDocumentOptions Lenient = new() { MaxDepth = 512 };
    private readonly FuzzInputs _in = new(seed);
    private long _sequence;

    /// <summary>Consents once, then makes <paramref name="count"/> hub calls (reconnecting when the server closes the connection).</summary>
    public async Task RunAsync(int count)
    {
        var participant = await platform.ConsentAsync(slug);
        ledger.AcceptedSessions[participant.SessionId] = true;
        var hub = await ConnectAsync(participant.Cookie);
        try
        {
            for (var step = 0; step < count; step++)
            {
                if (hub.State != HubConnectionState.Connected)
                {
                    await hub.DisposeAsync();
                    hub = await ConnectAsync(participant.Cookie);
                }
                ledger.Sent();
                await CallAsync(hub, participant.SessionId, step);
            }
        }
        finally
        {
            await hub.DisposeAsync();
        }
    }

    private async Task CallAsync(HubConnection hub, SessionId session, int step)
    {
        var (method, arguments) = Next();
        try
        {
            if (method == "StreamReply")
            {
                await foreach (var _ in hub.StreamAsyncCore<string>(method, arguments)) { }
                return;
            }
            if (method == "AppendEvents")
            {
                var ack = await hub.InvokeCoreAsync<TraceAck>(method, arguments);
                ledger.Acked(session, ack.Sequences);
                return;
            }
            await hub.InvokeCoreAsync<object>(method, arguments);
        }
        catch (HubException e) when (!HidesAnUnhandledException(e.Message))
        {
            // A refusal the browser can read: what the platform should do.
        }
        catch (HubException e)
        {
            ledger.Fail(seed, step, $"{method}({Describe(arguments)}) → {e.Message}");
        }
        catch (InvalidOperationException) when (hub.State != HubConnectionState.Connected)
        {
            // The server closed the connection (e.g. a message over its size limit); the next call reconnects.
        }

    }

    // SignalR sends the text of a HubException and of argument-binding problems; any other exception reaches the
    // client as this bare sentence, which is what a 500 looks like on a hub.
    private static bool HidesAnUnhandledException(string message) =>
        message.EndsWith("on the server.", StringComparison.Ordinal) && message.StartsWith("An unexpected error occurred", StringComparison.Ordinal);

    private (string Method, object?[] Arguments) Next() => _in.Next(10) switch
    {
        0 or 1 or 2 => ("AppendEvents", [Json(Batch())]),
        3 => ("CompleteStage", [_in.Pick<object?>([null, "", "instructions", "chat", "debrief", Sendable(_in.Text()), 42])]),
        4 => ("SubmitSurvey", [_in.Pick<object?>([null, "rating", "marks", Sendable(_in.Text())]), Json(Answers())]),
        5 => ("StreamReply", [_in.Pick<object?>([null, "", "   ", "hello", new string('x', 10_000), Sendable(_in.Text())])]),
        6 => ("GetSession", []),
        7 => ("StopReply", []),
        8 => (_in.Pick(["AppendEvents", "CompleteStage", "SubmitSurvey"]), _in.Chance(0.5) ? [] : [Json(_in.JsonValue()), Json(_in.JsonValue()), 1]),
        _ => (_in.Pick(["DropTables", "OnConnectedAsync", "Dispose", "getsession", " "]), [Json(_in.JsonValue())]),
    };

    private string Batch() => _in.Next(8) switch
    {
        0 => "null",
        1 => "{\"events\":null}",
        2 => "{\"events\":" + _in.JsonValue() + "}",
        3 or 4 or 5 => "{\"events\":[" + string.Join(",", Enumerable.Range(0, _in.Next(1, 12)).Select(_ => Event(wellFormed: true))) + "]}",
        _ => "{\"events\":[" + string.Join(",", Enumerable.Range(0, _in.Next(1, 12)).Select(_ => Event(wellFormed: false))) + "]}",
    };

    // A well-formed event has a fresh sequence, a valid type and clock, and only its payload is hostile.
    private string Event(bool wellFormed)
    {
        if (wellFormed)
            return $"{{\"sequence\":{++_sequence},\"type\":\"fuzz.event\",\"clientTimeMs\":1733450000000,\"payload\":{_in.JsonValue()}}}";
        var sequence = _in.Next(6) switch
        {
            0 => _in.Pick([0L, -1L, long.MaxValue, long.MinValue]).ToString(System.Globalization.CultureInfo.InvariantCulture),
            1 => "\"7\"",
            2 => "null",
            _ => (++_sequence).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var type = _in.Chance(0.6) ? "\"fuzz.event\"" : _in.Chance(0.5) ? FuzzInputs.JsonString(_in.Text()) : _in.JsonValue();
        var clock = _in.Pick(["1733450000000", "0", "-1", "9223372036854775807", "1.5", "\"now\""]);
        var payload = _in.Chance(0.2) ? "" : ",\"payload\":" + _in.JsonValue();
        return $"{{\"sequence\":{sequence},\"type\":{type},\"clientTimeMs\":{clock}{payload}}}";
    }

    private string Answers() => _in.Next(4) switch
    {
        0 => "null",
        1 => _in.JsonValue(),
        _ => "[" + string.Join(",", Enumerable.Range(0, _in.Next(1, 6)).Select(_ =>
            $"{{\"itemKey\":{(_in.Chance(0.8) ? FuzzInputs.JsonString(_in.Pick(["satisfaction", "fluency", "x", _in.Text()])) : "null")}," +
            $"\"value\":{(_in.Chance(0.8) ? FuzzInputs.JsonString(_in.Pick(["3", " 3", "+3", "03", "yes", _in.Text()])) : "null")}," +
            $"\"turnIndex\":{_in.Pick(["null", "0", "-1", "2147483648", "\"1\""])}}}")) + "]",
    };

    // The client cannot serialise a lone surrogate in a string argument (a browser can, inside JSON text: the event
    // payloads carry them as escapes instead).
    private static string Sendable(string s) => string.Create(s.Length, s, (span, text) =>
    {
        for (var i = 0; i < text.Length; i++)
        {
            var pair = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            var paired = char.IsLowSurrogate(text[i]) && i > 0 && char.IsHighSurrogate(text[i - 1]);
            span[i] = char.IsSurrogate(text[i]) && !pair && !paired ? '\uFFFD' : text[i];
        }
    });

    // Passing a JsonElement sends its JSON as is, so the server's own binding meets the raw text.
    private static object? Json(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, Lenient);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return json;
        }
    }

    private async Task<HubConnection> ConnectAsync(string cookie)
    {
        var hub = platform.CreateHubConnection(cookie);
        await hub.StartAsync();
        return hub;
    }

    private static string Describe(object?[] arguments)
    {
        var text = string.Join(", ", arguments.Select(a => a is JsonElement e ? e.GetRawText() : a?.ToString() ?? "null"));
        return text.Length > 300 ? text[..300] + "…" : text;
    }
}
