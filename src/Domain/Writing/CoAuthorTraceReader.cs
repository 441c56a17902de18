using System.Globalization;
using System.Text.Json;

namespace InteractionLab.Domain.Writing;

/// <summary>Reads CoAuthor-format traces (one JSON object per line, see README.md in this folder).
/// Tolerant by design: unknown fields are kept, optional fields may be missing, and a bad line becomes a
/// <see cref="LineError"/> instead of failing the file, because old data sets are imported as they are.</summary>
public static class CoAuthorTraceReader
{
    private static readonly HashSet<string> KnownFields =
    [
        "eventName", "eventSource", "eventTimestamp", "textDelta", "cursorRange", "currentDoc", "currentCursor",
        "currentSuggestions", "currentSuggestionIndex", "currentHoverIndex", "currentN", "currentMaxToken",
        "currentTemperature", "currentTopP", "currentPresencePenalty", "currentFrequencyPenalty", "eventNum",
    ];

    /// <summary>The character that stands for a Quill embed (image, formula) in replayed text.</summary>
    public const string EmbedCharacter = "\uFFFC";

    /// <summary>Reads every line of <paramref name="reader"/>. Blank lines are skipped, not errors.</summary>
    public static TraceImport Read(string source, TextReader reader)
    {
        var events = new List<TraceEvent>();
        var errors = new List<LineError>();
        var lineNumber = 0;
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            try
            {
                events.Add(ParseLine(line, lineNumber));
            }
            catch (TraceLineException e)
            {
                errors.Add(new LineError(lineNumber, e.Message));
            }
        }
        return new TraceImport(source, events, errors);
    }

    /// <summary>Reads a whole trace held in memory.</summary>
    public static TraceImport ReadText(string source, string content) => Read(source, new StringReader(content));

    /// <summary>Parses one line; throws <see cref="TraceLineException"/> with the reason when it cannot.</summary>
    private static TraceEvent ParseLine(string line, int lineNumber)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new TraceLineException($"not valid JSON ({e.Message})");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new TraceLineException($"expected a JSON object, found {root.ValueKind}");
            }
            var name = String(root, "eventName");
            if (string.IsNullOrEmpty(name))
            {
                throw new TraceLineException("missing eventName");
            }
            var (delta, deltaText) = Delta(root);
            return new TraceEvent
            {
                LineNumber = lineNumber,
                EventName = name,
                Source = String(root, "eventSource") switch
                {
                    "user" => EventSource.User,
                    "api" => EventSource.Api,
                    _ => EventSource.Unknown,
                },
                TimestampMs = Long(root, "eventTimestamp"),
                Delta = delta,
                DeltaText = deltaText,
                CursorRange = Range(root, "cursorRange"),
                // CoAuthor's own reader rebuilds currentDoc rather than trusting it, and "" is its "nothing here",
                // so an empty currentDoc is read as not logged instead of as a document to compare against.
                CurrentDoc = String(root, "currentDoc") is { Length: > 0 } doc ? doc : null,
                CurrentCursor = Range(root, "currentCursor"),
                CurrentSuggestions = Suggestions(root),
                CurrentSuggestionIndex = Int(root, "currentSuggestionIndex"),
                CurrentHoverIndex = Int(root, "currentHoverIndex"),
                Decoding = new TraceDecodingSettings(
                    Int(root, "currentN"), Int(root, "currentMaxToken"), Double(root, "currentTemperature"),
                    Double(root, "currentTopP"), Double(root, "currentPresencePenalty"),
                    Double(root, "currentFrequencyPenalty")),
                EventNum = Int(root, "eventNum"),
                UnknownFields = root.EnumerateObject()
                    .Where(p => !KnownFields.Contains(p.Name))
                    .GroupBy(p => p.Name)
                    .ToDictionary(g => g.Key, g => g.Last().Value.GetRawText()),
            };
        }
    }

    /// <summary>A property that is absent, null or the empty string counts as missing: CoAuthor writes ""
    /// for "nothing here" in fields that otherwise hold objects or numbers.</summary>
    private static JsonElement? Present(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value)
        && value.ValueKind != JsonValueKind.Null
        && !(value.ValueKind == JsonValueKind.String && value.GetString()!.Length == 0)
            ? value
            : null;

    private static string? String(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new TraceLineException($"{name} must be a string, found {value.ValueKind}");
    }

    private static double? Double(JsonElement root, string name)
    {
        if (Present(root, name) is not { } value)
        {
            return null;
        }
        // CoAuthor wrote decoding settings as strings ("0.9"); newer traces write numbers.
        if (value.ValueKind == JsonValueKind.Number)
        {
            return value.GetDouble();
        }
        if (value.ValueKind == JsonValueKind.String
            && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }
        throw new TraceLineException($"{name} must be a number, found {value.GetRawText()}");
    }

    private static long? Long(JsonElement root, string name)
    {
        var number = Double(root, name);
        if (number is null)
        {
            return null;
        }
        return number % 1 == 0 && Math.Abs(number.Value) < 9e15
            ? (long)number.Value
            : throw new TraceLineException($"{name} must be a whole number, found {number.Value.ToString(CultureInfo.InvariantCulture)}");
    }

    private static int? Int(JsonElement root, string name)
    {
        var number = Long(root, name);
        return number is null or (>= int.MinValue and <= int.MaxValue)
            ? (int?)number
            : throw new TraceLineException($"{name} is out of range");
    }

    private static CursorRange? Range(JsonElement root, string name)
    {
        if (Present(root, name) is not { } value)
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.Number)
        {
            return new CursorRange(Int(root, name)!.Value, 0);
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new TraceLineException($"{name} must be {{ index, length }}, found {value.ValueKind}");
        }
        var index = Int(value, "index") ?? throw new TraceLineException($"{name} has no index");
        return new CursorRange(index, Int(value, "length") ?? 0);
    }

    /// <summary>The edit of a <c>textDelta</c> (ops), or its text when it is a plain string: HALIE's metaphor logs write
    /// the submitted sentence as the string <c>textDelta</c> of <c>template-add</c> / <c>template-delete</c>, and
    /// <c>suggestion-fail</c> lines carry a string too. A string is never applied to the document.</summary>
    private static (TextDelta? Delta, string? Text) Delta(JsonElement root)
    {
        if (Present(root, "textDelta") is not { } value)
        {
            return (null, null);
        }
        if (value.ValueKind == JsonValueKind.String)
        {
            return (null, value.GetString());
        }
        var ops = value.ValueKind switch
        {
            JsonValueKind.Object when value.TryGetProperty("ops", out var o) && o.ValueKind == JsonValueKind.Array => o,
            JsonValueKind.Array => value,
            _ => throw new TraceLineException($"textDelta must be {{ \"ops\": [...] }}, a list of ops or a string, found {value.ValueKind}"),
        };
        var parsed = new List<DeltaOp>();
        var position = 0;
        foreach (var op in ops.EnumerateArray())
        {
            position++;
            if (op.ValueKind != JsonValueKind.Object)
            {
                throw new TraceLineException($"textDelta op {position} is not an object");
            }
            if (op.TryGetProperty("insert", out var insert))
            {
                // A Quill embed (a pasted image, a formula) is an object that occupies one position; it becomes
                // U+FFFC (object replacement) so later retains and deletes still line up with the client's.
                var text = insert.ValueKind switch
                {
                    JsonValueKind.String => insert.GetString()!,
                    JsonValueKind.Object => EmbedCharacter,
                    _ => throw new TraceLineException($"textDelta op {position}: insert must be text or an embed object"),
                };
                if (text.Length > 0)
                {
                    parsed.Add(DeltaOp.Insert(text));
                }
            }
            else if (op.TryGetProperty("retain", out _))
            {
                parsed.Add(DeltaOp.Retain(PositiveCount(op, "retain", position)));
            }
            else if (op.TryGetProperty("delete", out _))
            {
                parsed.Add(DeltaOp.Delete(PositiveCount(op, "delete", position)));
            }
            else
            {
                throw new TraceLineException($"textDelta op {position} is none of retain, insert, delete");
            }
        }
        return (new TextDelta(parsed), null);
    }

    private static int PositiveCount(JsonElement op, string name, int position) =>
        Int(op, name) is { } n and > 0
            ? n
            : throw new TraceLineException($"textDelta op {position}: {name} must be a positive whole number");

    private static IReadOnlyList<Suggestion> Suggestions(JsonElement root)
    {
        if (Present(root, "currentSuggestions") is not { } value)
        {
            return [];
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new TraceLineException($"currentSuggestions must be a list, found {value.ValueKind}");
        }
        var list = new List<Suggestion>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                list.Add(new Suggestion(item.GetString()!, item.GetString()!));
                continue;
            }
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw new TraceLineException("a currentSuggestions entry is neither text nor an object");
            }
            var original = String(item, "original") ?? String(item, "trimmed")
                ?? throw new TraceLineException("a currentSuggestions entry has no original text");
            list.Add(new Suggestion(original, String(item, "trimmed") ?? original,
                Double(item, "probability"), Int(item, "index"), String(item, "model") ?? String(item, "source")));
        }
        return list;
    }
}
