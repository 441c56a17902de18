using System.IO.Pipelines;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using InteractionLab.Inference.Api;
using InteractionLab.Inference.Demo;
using InteractionLab.Inference.Engine;

namespace InteractionLab.Inference.Tests;

/// <summary>
/// The bytes of streamed chunks: the pre-serialised fast path writes exactly what the general JSON writer writes,
/// the wire format is OpenAI's, and the benchmark's production timestamps appear only when asked for.
/// </summary>
public partial class SseChunkTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    public static TheoryData<bool, string, bool> Pieces => new()
    {
        { true, "plain", false },
        { true, " quote \" backslash \\ newline \n tab \t", true },
        { true, "ünïcödé 漢字 😀 <tag> & +", false },
        { true, "\u0001\u001f control", true },
        { false, "text completion", false },
        { false, "\"quoted\"\r\n", true },
        { false, "", false },
    };

    [Theory]
    [MemberData(nameof(Pieces))]
    public async Task ThePreSerialisedTextEventIsByteForByteTheGeneralOne(bool chat, string text, bool stamped)
    {
        var parsed = new HttpCompletionRequest { Model = "demo-chat", Settings = new GenerationRequest { PromptIds = [1, 2] } };
        var response = new CompletionResponse(parsed, parsed.Settings with { Seed = 42 }, chat, TimeProvider.System);
        long? producedAt = stamped ? 1234567890123 : null;
        await Write(sse =>
        {
            response.WriteChunk(sse.Begin(), 0, "first", null, null); // the role goes with a choice's first piece
            sse.End();
        });

        var fast = await Write(sse => response.WriteTextEvent(sse, 0, text, null, producedAt));
        var general = await Write(sse =>
        {
            response.WriteChunk(sse.Begin(), 0, text, null, null, producedAt);
            sse.End();
        });

        Assert.Equal(general, fast);
        var json = JsonDocument.Parse(fast["data: ".Length..^2]).RootElement;
        Assert.Equal(text, chat ? json.GetProperty("choices")[0].GetProperty("delta").GetProperty("content").GetString() : json.GetProperty("choices")[0].GetProperty("text").GetString());
        Assert.Equal(stamped, json.TryGetProperty(CompletionResponse.ProducedAtField, out _));
    }

    [Fact]
    public async Task StreamedChatChunksAreOpenAiChunksWithoutTimestampsUnlessAskedFor()
    {
        var lines = await StreamAsync(timestamps: false);

        Assert.True(lines.Count > 5);
        Assert.Matches(FirstChunk(), lines[0]);
        Assert.All(lines[1..^1], line => Assert.Matches(NextChunk(), line));
        Assert.DoesNotContain(lines, line => line.Contains(CompletionResponse.ProducedAtField, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithTheBenchmarkHeaderEveryTextChunkCarriesWhenTheEngineProducedIt()
    {
        var before = System.Diagnostics.Stopwatch.GetTimestamp();
        var lines = await StreamAsync(timestamps: true);
        var after = System.Diagnostics.Stopwatch.GetTimestamp();

        var stamps = lines[..^1].Select(line => JsonDocument.Parse(line[6..]).RootElement.GetProperty(CompletionResponse.ProducedAtField).GetInt64()).ToList();
        Assert.True(stamps.Count > 5);
        Assert.All(stamps, s => Assert.InRange(s, before, after)); // one clock for server and client
        Assert.Equal(stamps.Order(), stamps);
        Assert.False(JsonDocument.Parse(lines[^1][6..]).RootElement.TryGetProperty(CompletionResponse.ProducedAtField, out _)); // the finish chunk
    }

    private async Task<List<string>> StreamAsync(bool timestamps)
    {
        using var http = server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = JsonContent.Create(new { model = DemoModels.ChatModelId, messages = new[] { new { role = "user", content = "chunks" } }, max_tokens = 20, temperature = 0, stream = true }),
        };
        if (timestamps) { request.Headers.Add(CompletionEndpoint.TokenTimestampsHeader, "1"); }
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.EndsWith("\n\ndata: [DONE]\n\n", body);
        return [.. body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Where(e => e.StartsWith("data: {", StringComparison.Ordinal))];
    }

    private static async Task<string> Write(Action<SseWriter> write)
    {
        using var stream = new MemoryStream();
        var pipe = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
        using (var sse = new SseWriter(pipe))
        {
            write(sse);
            await sse.FlushAsync(CancellationToken.None);
        }

        await pipe.CompleteAsync();
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private const string Header = """^data: \{"id":"chatcmpl-[0-9a-f]{32}","object":"chat\.completion\.chunk","created":\d+,"model":"demo-chat","system_fingerprint":"fp_interactionlab_onnx","seed":\d+,"choices":\[\{"index":0,"delta":""";

    [GeneratedRegex(Header + """\{"role":"assistant","content":".*"\},"logprobs":null,"finish_reason":null\}\]\}$""", RegexOptions.Singleline)]
    private static partial Regex FirstChunk();

    [GeneratedRegex(Header + """\{"content":".*"\},"logprobs":null,"finish_reason":null\}\]\}$""", RegexOptions.Singleline)]
    private static partial Regex NextChunk();
}
