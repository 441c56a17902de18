using System.Text;
using System.Text.Json;
using InteractionLab.Api.ConditionResults;
using Microsoft.AspNetCore.Http;

namespace InteractionLab.Api.Exports;

/// <summary>
/// Writes an export as JSON Lines (the default) or, with <c>?format=csv</c>, as CSV made from the very same JSON rows:
/// one column per property in the order written (every row writer writes every property, so the columns are the same
/// on every line), nested objects and arrays as JSON text in their cell, null as an empty cell. One row writer per
/// export serves both formats, so the two never disagree. The header comes from the first row, so an export with no
/// records is an empty file. Cells go through <see cref="StudyResultsApi.Quote"/>, the one CSV cell writer.
/// </summary>
public static class ExportFile
{
    /// <summary>The formats an export is offered in.</summary>
    public static readonly IReadOnlyList<string> Formats = ["jsonl", "csv"];

    /// <summary>
    /// The rows in <paramref name="format"/> (null = JSON Lines); 400 problem for another format. A CSV with no rows is
    /// empty unless <paramref name="emptyHeader"/> gives the header line to write instead.
    /// </summary>
    public static IResult Stream<T>(IAsyncEnumerable<T> rows, Action<Utf8JsonWriter, T> write, string? format, string? emptyHeader = null)
    {
        switch (format?.Trim().ToLowerInvariant())
        {
            case null or "" or "jsonl":
                return JsonLines.Stream(rows, write);
            case "csv":
                return TypedResults.Stream(async body =>
                {
                    await using var text = new StreamWriter(body, new UTF8Encoding(false));
                    var buffer = new MemoryStream();
                    var header = false;
                    await foreach (var row in rows)
                    {
                        buffer.SetLength(0);
                        await using (var json = new Utf8JsonWriter(buffer)) write(json, row);
                        using var doc = JsonDocument.Parse(buffer.ToArray());
                        var cells = doc.RootElement.EnumerateObject().Select(p => (p.Name, Value: Text(p.Value))).ToList();
                        if (!header)
                        {
                            await text.WriteAsync(string.Join(',', cells.Select(c => StudyResultsApi.Quote(c.Name))) + "\r\n");
                            header = true;
                        }
                        await text.WriteAsync(string.Join(',', cells.Select(c => StudyResultsApi.Quote(c.Value))) + "\r\n");
                    }
                    if (!header && emptyHeader is not null) await text.WriteAsync(emptyHeader + "\r\n");
                }, "text/csv; charset=utf-8");
            default:
                throw PlatformProblemException.BadInput($"There is no export format '{format}'. Use one of: {string.Join(", ", Formats)}.");
        }
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.GetRawText(),
    };
}
