using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InteractionLab.Api.Exports;

/// <summary>
/// The platform's CSV writer: RFC 4180 quoting (a cell with a comma, quote or line break is quoted, quotes doubled),
/// CRLF line ends, invariant numbers. Streams rows straight from the database like <see cref="JsonLines"/>.
/// </summary>
public static class CsvLines
{
    /// <summary>Media type of CSV downloads.</summary>
    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>One cell, quoted when it must be; null is an empty cell.</summary>
    public static string Quote(string? value) =>
        value is null ? "" : value.IndexOfAny([',', '"', '\r', '\n']) < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";

    /// <summary>One line of cells (with its CRLF).</summary>
    public static string Line(IEnumerable<string?> cells) => string.Join(',', cells.Select(Quote)) + "\r\n";

    /// <summary>A result that writes <paramref name="header"/> and then each row's cells, one row in memory at a time.</summary>
    public static PushStreamHttpResult Stream<T>(IReadOnlyList<string> header, IAsyncEnumerable<T> rows, Func<T, IEnumerable<string?>> cells) =>
        TypedResults.Stream(async body =>
        {
            await using var writer = new StreamWriter(body, new UTF8Encoding(false), 64 * 1024);
            await writer.WriteAsync(Line(header));
            await foreach (var row in rows) await writer.WriteAsync(Line(cells(row)));
        }, ContentType);
}
