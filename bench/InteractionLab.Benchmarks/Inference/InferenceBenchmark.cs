using System.Diagnostics;
using System.Globalization;
using InteractionLab.Inference;
using InteractionLab.Inference.Demo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InteractionLab.Benchmarks.Inference;

/// <summary>
/// `dotnet run -c Release --project bench/InteractionLab.Benchmarks -- inference [tokens] [--server DLL]`: tokens/s
/// and time to first token at 1, 8 and 32 concurrent greedy streams on the demo model, in-process and over HTTP/SSE,
/// plus the engine's overhead (time outside ONNX Runtime's Run) and what the HTTP path adds per token. The HTTP rows
/// talk to the standalone service in a separate process (<see cref="InferenceServerProcess"/>), as a deployment
/// would; <c>--server</c> points at another build of InteractionLab.Inference.dll to compare builds back to back.
/// </summary>
internal static class InferenceBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var serverAt = Array.IndexOf(args, "--server");
        var serverDll = serverAt >= 0 && serverAt + 1 < args.Length ? Path.GetFullPath(args[serverAt + 1]) : null;
        var tokens = args.Length > 0 && serverAt != 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 128;
        var models = Path.Combine(Path.GetTempPath(), "ilab-bench-models");
        await DemoModels.EnsureAsync(models);
        await using var server = await InferenceServerProcess.StartAsync(models, serverDll);
        await using var app = InferenceServer.Build([], models, builder =>
        {
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Inference:ExecutionProvider"] = "cpu",
                ["Inference:IntraOpNumThreads"] = "1",
                ["Inference:MaxConcurrentRequestsPerModel"] = "64",
            });
        });
        var host = app.Services.GetRequiredService<LocalModelHost>();
        var chat = host.GetChatClient(DemoModels.ChatModelId);
        var model = host.GetDecoder(DemoModels.ChatModelId);
        using var http = new HttpClient { BaseAddress = server.Address };

        Console.WriteLine($"demo-chat ({model.VocabSize} tokens vocab, 2 layers, hidden 64), {tokens} tokens per stream, greedy, " +
            $"{Environment.ProcessorCount} cores, {model.Provider}, IntraOpNumThreads=1; HTTP: server process {server.Address}");
        var warmUp = Stopwatch.StartNew(); // tiered JIT needs seconds of load before the hot path is fully optimised
        while (warmUp.Elapsed < TimeSpan.FromSeconds(5))
        {
            await StreamLoad.RunAsync(8, 1, () => StreamLoad.InProcessAsync(chat, tokens));
            await StreamLoad.RunAsync(8, 1, () => StreamLoad.HttpAsync(http, DemoModels.ChatModelId, tokens));
        }

        Console.WriteLine("| path | streams | tokens/s (all streams) | tokens/s per stream | TTFT p50 ms | TTFT p99 ms | inter-token p50 ms | inter-token p99 ms | ORT Run us/token |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var concurrency in new[] { 1, 8, 32 })
        {
            var rounds = Math.Max(2, 64 / concurrency);
            model.Metrics.Reset();
            Report("in-process", concurrency, model, await StreamLoad.RunAsync(concurrency, rounds, () => StreamLoad.InProcessAsync(chat, tokens)));
            model.Metrics.Reset(); // the server process decodes: this process's Run time stays 0 and the column says so
            Report("HTTP/SSE", concurrency, model, await StreamLoad.RunAsync(concurrency, rounds, () => StreamLoad.HttpAsync(http, DemoModels.ChatModelId, tokens)));
        }

        await EngineOverheadAsync(model, chat, tokens);
        Console.WriteLine();
        await DeliveryLatencyAsync("in-process IChatClient", async () =>
        {
            var produced = new List<long>();
            model.Metrics.TokenObserver = () => produced.Add(Stopwatch.GetTimestamp());
            var timing = await StreamLoad.InProcessAsync(chat, tokens);
            model.Metrics.TokenObserver = null;
            return timing with { Produced = produced };
        });
        await DeliveryLatencyAsync("HTTP/SSE (server process, Kestrel, loopback, client reads the SSE line)",
            () => StreamLoad.HttpAsync(http, DemoModels.ChatModelId, tokens, timestamps: true));
        return 0;
    }

    /// <summary>
    /// One stream at a time: for each token, its arrival at the client minus the moment the engine produced it, so
    /// the number is what the delivery path adds (queueing, serialising, flushing, the socket, the client's read),
    /// independent of decoding speed. Over HTTP the server process stamps each chunk with the production time
    /// (<see cref="InteractionLab.Inference.Api.CompletionEndpoint.TokenTimestampsHeader"/>): both processes read
    /// <see cref="Stopwatch"/>, which on Linux is CLOCK_MONOTONIC (QueryPerformanceCounter on Windows), one
    /// machine-wide clock, so the difference is exact to the clock's resolution, with no offset to estimate. The
    /// alternative, comparing the client's arrival gaps with the engine's step gaps, only shows jitter: a constant
    /// delay on every token would vanish from it. A negative delay would mean the clocks are not shared; it is
    /// counted and reported rather than hidden.
    /// </summary>
    private static async Task DeliveryLatencyAsync(string path, Func<Task<StreamTiming>> stream)
    {
        var delays = new List<double>();
        var skipped = 0;
        for (var i = 0; i < 30; i++)
        {
            var timing = await stream();
            if (timing.Produced is { } produced && produced.Count == timing.Arrivals.Count)
            {
                delays.AddRange(produced.Zip(timing.Arrivals, (p, a) => StreamTiming.Ms(a - p)));
            }
            else
            {
                skipped++;
            }
        }

        var negative = delays.Count(d => d < 0);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Per-token delivery latency, {path}: p50 {Percentile(delays, 50):0.000} ms, p99 {Percentile(delays, 99):0.000} ms, " +
            $"max {delays.Max():0.000} ms ({delays.Count} tokens{(negative > 0 ? $", {negative} NEGATIVE: clocks not shared" : "")}" +
            $"{(skipped > 0 ? $", {skipped} streams skipped: token count mismatch" : "")})"));
    }

    /// <summary>
    /// Sequential requests: wall time of each whole request against the time ONNX Runtime spent in Run. Medians over
    /// requests, because on a shared machine a request that was descheduled says nothing about the engine.
    /// </summary>
    private static async Task EngineOverheadAsync(InteractionLab.Inference.Engine.DecoderModel model, Microsoft.Extensions.AI.IChatClient chat, int tokens)
    {
        var stepShare = new List<double>();
        var requestShare = new List<double>();
        var runPerToken = new List<double>();
        var stepPerToken = new List<double>();
        var requestPerToken = new List<double>();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        long generatedTotal = 0;
        for (var i = 0; i < 50; i++)
        {
            model.Metrics.Reset();
            var start = Stopwatch.GetTimestamp();
            await StreamLoad.InProcessAsync(chat, tokens);
            double wall = Stopwatch.GetTimestamp() - start, run = model.Metrics.RunTicks, step = model.Metrics.StepTicks, generated = model.Metrics.Tokens;
            generatedTotal += (long)generated;
            stepShare.Add((step - run) / run);
            requestShare.Add((wall - run) / run);
            runPerToken.Add(StreamTiming.Ms((long)run) * 1000 / generated);
            stepPerToken.Add(StreamTiming.Ms((long)(step - run)) * 1000 / generated);
            requestPerToken.Add(StreamTiming.Ms((long)(wall - run)) * 1000 / generated);
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var engineShare = new List<double>();
        var enginePerToken = new List<double>();
        var prompt = model.EncodePrompt(model.Template.Render([("user", StreamLoad.Prompt)]));
        var engineAllocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        long engineTokens = 0;
        for (var i = 0; i < 50; i++)
        {
            model.Metrics.Reset();
            var start = Stopwatch.GetTimestamp();
            var request = new InteractionLab.Inference.Engine.GenerationRequest { PromptIds = prompt, MaxTokens = tokens, Temperature = 0 };
            await foreach (var _ in model.GenerateAsync(request, CancellationToken.None)) { }
            double wall = Stopwatch.GetTimestamp() - start, run = model.Metrics.RunTicks, generated = model.Metrics.Tokens;
            engineTokens += (long)generated;
            engineShare.Add((wall - run) / run);
            enginePerToken.Add(StreamTiming.Ms((long)(wall - run)) * 1000 / generated);
        }

        var engineAllocated = GC.GetTotalAllocatedBytes(precise: true) - engineAllocatedBefore;
        Console.WriteLine();
        Console.WriteLine($"Engine overhead, 1 stream, 50 requests x {tokens} tokens (medians over requests):");
        Console.WriteLine($"  ONNX Runtime Run: {Percentile(runPerToken, 50):0.0} us/token");
        Console.WriteLine($"  decoding step outside Run (inputs, logits, sampling, detokenizing, stop check): " +
            $"{Percentile(stepPerToken, 50):0.00} us/token = {Percentile(stepShare, 50):P2} of Run");
        Console.WriteLine($"  engine request outside Run (admission, buffers, decoding steps, async token stream): " +
            $"{Percentile(enginePerToken, 50):0.00} us/token = {Percentile(engineShare, 50):P2} of Run");
        Console.WriteLine($"  whole IChatClient request outside Run (plus tokenizing, template, ChatResponseUpdate objects): " +
            $"{Percentile(requestPerToken, 50):0.00} us/token = {Percentile(requestShare, 50):P2} of Run");
        Console.WriteLine($"  managed allocations, whole request through IChatClient: {allocated / generatedTotal:0} bytes/token; " +
            $"engine alone (GenerateAsync, incl. the ONNX Runtime wrapper's objects): {engineAllocated / engineTokens:0} bytes/token");
    }

    private static void Report(string path, int concurrency, InteractionLab.Inference.Engine.DecoderModel model, (double WallSeconds, List<StreamTiming> Streams) result)
    {
        var (wall, streams) = result;
        var totalTokens = streams.Sum(s => s.Arrivals.Count);
        var perStream = streams.Average(s => s.Arrivals.Count / StreamTiming.Ms(s.Arrivals[^1] - s.Start) * 1000);
        var ttft = streams.Select(s => s.TtftMs).ToList();
        var gaps = streams.SelectMany(s => s.GapsMs).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {path} | {concurrency} | {totalTokens / wall:0} | {perStream:0} | {Percentile(ttft, 50):0.00} | {Percentile(ttft, 99):0.00} | {Percentile(gaps, 50):0.000} | {Percentile(gaps, 99):0.000} | {(model.Metrics.Tokens == 0 ? "(server process)" : (StreamTiming.Ms(model.Metrics.RunTicks) * 1000 / model.Metrics.Tokens).ToString("0.0", CultureInfo.InvariantCulture))} |"));
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
