using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InteractionLab.Api.Exports;

/// <summary>Streams rows as JSON Lines straight from the database, one row in memory at a time.</summary>
public static class JsonLines
{
    /// <summary>Media type of the exports.</summary>
    public const string ContentType = "application/x-ndjson";

    /// <summary>A result that writes each row with <paramref name="write"/> followed by a newline.</summary>
    public static PushStreamHttpResult Stream<T>(IAsyncEnumerable<T> rows, Action<Utf8JsonWriter, T> write) =>
        TypedResults.Stream(async body =>
        {
            var newline = "\n"u8.ToArray();
            await using var json = new Utf8JsonWriter(body, new JsonWriterOptions { SkipValidation = true });
            var pending = 0;
            await foreach (var row in rows)
            {
                json.Reset(body);
                write(json, row);
                await json.FlushAsync();
                await body.WriteAsync(newline);
                // Flush now and then so a client sees progress and memory stays flat on large studies.
                if (++pending == 500)
                {
                    pending = 0;
                    await body.FlushAsync();
                }
            }
        }, ContentType);
}
