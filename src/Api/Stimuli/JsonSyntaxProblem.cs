using System.Text.Json;

namespace InteractionLab.Api.Stimuli;

/// <summary>
/// Says what is wrong with text that is not JSON in words a researcher can act on, instead of the parser's message
/// ("'}' is an invalid start of a value. LineNumber: 3 | BytePositionInLine: 5."), which names .NET internals and
/// counts lines from 0 and bytes rather than characters. One wording for every stimulus format.
/// </summary>
public static class JsonSyntaxProblem
{
    /// <summary>"This line is not valid JSON: …" for one line of a JSON-lines file (the problem carries the line number).</summary>
    public static string ForLine(JsonException e) => $"This line is not valid JSON: {Describe(e)}{Column(e)}.";

    /// <summary>"The file is not valid JSON: … (line 4, near character 6)." for a whole-file JSON document.</summary>
    public static string ForFile(JsonException e) =>
        $"The file is not valid JSON: {Describe(e)}{(e.LineNumber is { } line ? $" (line {line + 1}{Near(e)})" : "")}.";

    /// <summary>The likely mistake, from the parser's message.</summary>
    public static string Describe(JsonException e)
    {
        var m = e.Message;
        bool Has(string text) => m.Contains(text, StringComparison.OrdinalIgnoreCase);
        if (Has("does not contain any JSON tokens")) return "it is empty";
        if (Has("is invalid within a JSON string")) return "a text value holds a line break or tab; write it as \\n or \\t";
        if (Has("Expected end of string") || Has("end of data") || Has("Expected depth to be zero")) return "it ends too early — a closing quote \", } or ] is missing";
        if (Has("after a property name")) return "a ':' is missing after a field name";
        if (Has("trailing comma") || Has("comma")) return "a comma is missing between two values, or stands before a closing } or ]";
        if (Has("after a value") || Has("Expected a ','") || Has("after a single JSON value")) return "a comma is missing between two values, or there is text after the end";
        if (Has("invalid start of a property name")) return "field names must be in double quotes, like \"id\"";
        if (Has("invalid start of a value") || Has("invalid end of a number") || Has("is an invalid JSON literal"))
            return "a value is not valid there — text must be in double quotes (\"like this\"), and true, false and null are lower case";
        return "check the quotes, commas and brackets";
    }

    private static string Column(JsonException e) => e.BytePositionInLine is { } p ? $" (near character {p + 1})" : "";

    private static string Near(JsonException e) => e.BytePositionInLine is { } p ? $", near character {p + 1}" : "";
}
