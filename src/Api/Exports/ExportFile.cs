using System.Text;
using System.Text.Json;
using InteractionLab.Api.ConditionResults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InteractionLab.Api.Exports;

/// <summary>
/// Writes an export as JSON Lines (the default) or, with <c>?format=csv</c>, as CSV made from the very same JSON rows:
/// one column per property in the order written (every row writer writes every property, so the columns are the same
/// on every line), nested objects and arrays as JSON text in their cell, null as an empty cell. One row writer per
/// export serves both formats, so the two never disagree. The header comes from the first row, so an export with no
/// records is an empty file. Cells go through <see cref="CsvCell"/>, the one CSV cell writer (JSON numbers stay numbers).
/// </summary>
public static class ExportFile
{
    /// <summary>Declares an export's answer to OpenAPI: JSON Lines or CSV text.</summary>
    public static RouteHandlerBuilder ProducesExport(this RouteHandlerBuilder endpoint) =>
        endpoint.Produces<string>(StatusCodes.Status200OK, JsonLines.ContentType, "text/csv");

    /// <summary>The formats an export is offered in.</summary>
    public static readonly IReadOnlyList<string> Formats = ["jsonl", "csv"];

    /// <summary>
    /// The rows in <paramref name="format"/> (null = JSON Lines); 400 problem for another format. A CSV with no rows is
    /// empty unless <paramref name="emptyHeader"/> gives the header line to write instead.
    /// </summary>
    public static PushStreamHttpResult Stream<T>(IAsyncEnumerable<T> rows, Action<Utf8JsonWriter, T> write, string? format, string? emptyHeader = null)
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
                        var cells = doc.RootElement.EnumerateObject().ToList();
                        if (!header)
                        {
                            await text.WriteAsync(CsvCell.Line(cells.Select(c => CsvCell.Text(c.Name))));
                            header = true;
                        }
                        await text.WriteAsync(CsvCell.Line(cells.Select(c => Cell(c.Value))));
                    }
                    if (!header && emptyHeader is not null) await text.WriteAsync(emptyHeader + CsvCell.LineEnd);
                }, "text/csv; charset=utf-8");
            default:
                throw PlatformProblemException.BadInput($"There is no export format '{format}'. Use one of: {string.Join(", ", Formats)}.");
        }
    }

    // A JSON number is written as JSON wrote it (invariant, so a negative one stays a number); everything else is text.
    private static string Cell(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => CsvCell.Text(value.GetString()),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => CsvCell.Text(value.GetRawText()),
    };
}
