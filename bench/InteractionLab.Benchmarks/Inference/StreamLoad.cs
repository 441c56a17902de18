using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.Extensions.AI;

namespace InteractionLab.Benchmarks.Inference;

/// <summary>
/// Timings of one streamed completion: request start, the arrival of every text piece and, when the server was asked
/// for them, the moment the engine produced each piece (all <see cref="Stopwatch"/> timestamps).
/// </summary>
internal sealed record StreamTiming(long Start, List<long> Arrivals, List<long>? Produced = null)
{
    public double TtftMs => Ms(Arrivals[0] - Start);

    public IEnumerable<double> GapsMs => Arrivals.Zip(Arrivals.Skip(1), (a, b) => Ms(b - a));

    public static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}

/// <summary>Runs c concurrent greedy streams in-process (IChatClient) or over HTTP (raw SSE reader).</summary>
internal static class StreamLoad
{
    public const string Prompt = "Tell me something about the way people write with language models.";

    public static async Task<StreamTiming> InProcessAsync(IChatClient client, int tokens)
    {
        var arrivals = new List<long>(tokens);
        var start = Stopwatch.GetTimestamp();
        await foreach (var update in client.GetStreamingResponseAsync(Prompt, new ChatOptions { Temperature = 0, MaxOutputTokens = tokens }))
        {
            if (update.Text.Length > 0) { arrivals.Add(Stopwatch.GetTimestamp()); }
        }

        return new StreamTiming(start, arrivals);
    }

    /// <summary>
    /// One streamed chat completion over HTTP; with <paramref name="timestamps"/> the server adds the engine's
    /// production timestamp to every chunk (<see cref="InteractionLab.Inference.Api.CompletionEndpoint.TokenTimestampsHeader"/>).
    /// </summary>
    public static async Task<StreamTiming> HttpAsync(HttpClient http, string model, int tokens, bool timestamps = false)
    {
        var arrivals = new List<long>(tokens);
        var produced = timestamps ? new List<long>(tokens) : null;
        var start = Stopwatch.GetTimestamp();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = JsonContent.Create(new
            {
                model, messages = new[] { new { role = "user", content = Prompt } }, max_tokens = tokens, temperature = 0, stream = true,
            }),
        };
        if (timestamps)
        {
            request.Headers.Add(InteractionLab.Inference.Api.CompletionEndpoint.TokenTimestampsHeader, "1");
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("data: {", StringComparison.Ordinal) && line.Contains("\"content\":", StringComparison.Ordinal))
            {
                arrivals.Add(Stopwatch.GetTimestamp());
                produced?.Add(ProducedAt(line));
            }
        }

        return new StreamTiming(start, arrivals, produced);
    }

    private static long ProducedAt(string line)
    {
        const string field = "\"" + InteractionLab.Inference.Api.CompletionResponse.ProducedAtField + "\":";
        var at = line.LastIndexOf(field, StringComparison.Ordinal);
        if (at < 0) { throw new InvalidDataException($"The server sent no {field} (an older build?): {line}"); }
        var digits = line.AsSpan(at + field.Length);
        return long.Parse(digits[..digits.IndexOfAnyExceptInRange('0', '9')], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs <paramref name="concurrency"/> streams at once, <paramref name="rounds"/> times; returns wall time and timings.</summary>
    public static async Task<(double WallSeconds, List<StreamTiming> Streams)> RunAsync(int concurrency, int rounds, Func<Task<StreamTiming>> stream)
    {
        var all = new List<StreamTiming>();
        var wall = Stopwatch.StartNew();
        for (var r = 0; r < rounds; r++)
        {
            all.AddRange(await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(stream))));
        }

        return (wall.Elapsed.TotalSeconds, all);
    }
}
