using System.Text.Json;

namespace InteractionLab.Api.Tasks.Crossword;

/// <summary>
/// The line on which each value of a JSON document starts, by path (<c>$[0].grid[2]</c>, <c>$.clues.across.1</c>):
/// JsonDocument keeps no positions, and a researcher fixing a puzzle file wants to be told where the problem is.
/// </summary>
internal sealed class JsonLineMap
{
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    /// <summary>Maps a document that is known to parse.</summary>
    public JsonLineMap(byte[] utf8, JsonReaderOptions options)
    {
        var reader = new Utf8JsonReader(utf8, options);
        var containers = new Stack<(string Path, bool IsArray, int Index)>();
        string? property = null;
        var line = 1;
        long counted = 0;
        int LineAt(long position)
        {
            for (; counted < position; counted++) if (utf8[counted] == (byte)'\n') line++;
            return line;
        }

        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    property = containers.Peek().Path + "." + reader.GetString();
                    _lines.TryAdd(property, LineAt(reader.TokenStartIndex));
                    continue;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    containers.Pop();
                    continue;
            }
            string path;
            if (containers.Count == 0) path = "$";
            else if (containers.Peek().IsArray)
            {
                var top = containers.Pop();
                path = $"{top.Path}[{top.Index}]";
                containers.Push(top with { Index = top.Index + 1 });
            }
            else path = property!;
            _lines.TryAdd(path, LineAt(reader.TokenStartIndex));
            if (reader.TokenType == JsonTokenType.StartObject) containers.Push((path, false, 0));
            else if (reader.TokenType == JsonTokenType.StartArray) containers.Push((path, true, 0));
        }
    }

    /// <summary>The line of <paramref name="path"/>, or of the nearest enclosing value that has one.</summary>
    public int? LineOf(string path)
    {
        for (var p = path; p.Length > 0; p = Parent(p))
            if (_lines.TryGetValue(p, out var line)) return line;
        return null;
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "" : path[..cut];
    }
}
