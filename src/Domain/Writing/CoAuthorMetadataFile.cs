using System.Text;
using System.Text.Json;

namespace InteractionLab.Domain.Writing;

/// <summary>
/// A CoAuthor / HALIE <c>session.txt</c>: one JSON object per line (HALIE's <c>Asset._read_session_id_to_metadata</c>,
/// <c>src/assets/base_asset.py</c>). A line that is not an object with a <c>session_id</c> becomes a
/// <see cref="LineError"/>; the other lines still count.
/// </summary>
/// <param name="Sessions">The readable lines, by file order.</param>
/// <param name="Errors">The unreadable lines, with why.</param>
public sealed record CoAuthorMetadataFile(IReadOnlyList<CoAuthorSessionMetadata> Sessions, IReadOnlyList<LineError> Errors)
{
    private static readonly string[] DecodingFields = ["n", "max_tokens", "temperature", "top_p", "presence_penalty", "frequency_penalty", "stop"];

    /// <summary>Reads the file's text.</summary>
    public static CoAuthorMetadataFile Read(string text)
    {
        var sessions = new List<CoAuthorSessionMetadata>();
        var errors = new List<LineError>();
        var number = 0;
        using var reader = new StringReader(text);
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                    errors.Add(new LineError(number, $"expected a JSON object, found {root.ValueKind}"));
                else if (Text(root, "session_id") is not { } id)
                    errors.Add(new LineError(number, "missing session_id"));
                else
                    sessions.Add(new CoAuthorSessionMetadata(id, Text(root, "verification_code"),
                        Text(root, "model") ?? Text(root, "engine") ?? Text(root, "crfm"), Text(root, "example"), Decoding(root), number));
            }
            catch (JsonException e)
            {
                errors.Add(new LineError(number, $"not valid JSON ({e.Message})"));
            }
        }
        return new CoAuthorMetadataFile(sessions, errors);
    }

    /// <summary>The line for a log named <paramref name="sourceSessionId"/>: by <c>session_id</c>, else by
    /// <c>verification_code</c> (HALIE names each log after both); the last such line wins, as in HALIE's dictionary.</summary>
    public CoAuthorSessionMetadata? For(string sourceSessionId) =>
        Sessions.LastOrDefault(s => s.SessionId == sourceSessionId) ?? Sessions.LastOrDefault(s => s.VerificationCode == sourceSessionId);

    // A non-empty string, as Python's truthiness test in _read_model sees it; other values count as absent.
    private static string? Text(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;

    private static string Decoding(JsonElement root)
    {
        var json = new StringBuilder("{");
        foreach (var field in DecodingFields)
        {
            if (!root.TryGetProperty(field, out var value)) continue;
            if (json.Length > 1) json.Append(',');
            json.Append(JsonSerializer.Serialize(field)).Append(':').Append(value.GetRawText());
        }
        return json.Append('}').ToString();
    }
}
