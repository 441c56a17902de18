using InteractionLab.Inference.Api;
using InteractionLab.Inference.Demo;
using InteractionLab.Inference.Engine;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace InteractionLab.Inference.Tests;

/// <summary>
/// Replies are stamped with the host's <see cref="TimeProvider"/>, not the machine's clock: with a fake clock set to a
/// day far from today, the in-process chat (plain and streamed), the embeddings and the HTTP API's <c>created</c> all
/// carry that day.
/// </summary>
public sealed class ReplyClockTests : IDisposable
{
    private static readonly DateTimeOffset Day = new(2031, 3, 14, 15, 9, 26, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Day);
    private readonly ServiceProvider _services;

    public ReplyClockTests()
    {
        _services = new ServiceCollection()
            .AddSingleton<TimeProvider>(_clock)
            .AddLocalInference(o =>
            {
                o.ModelsDirectory = TestModels.Directory;
                o.ExecutionProvider = "cpu";
                o.IntraOpNumThreads = 1;
            })
            .BuildServiceProvider();
    }

    private LocalModelHost Host => _services.GetRequiredService<LocalModelHost>();

    [Fact]
    public async Task InProcessRepliesAndEmbeddingsCarryTheInjectedClocksTime()
    {
        var chat = Host.GetChatClient(DemoModels.ChatModelId);
        var options = new ChatOptions { MaxOutputTokens = 3, Temperature = 0 };

        var plain = await chat.GetResponseAsync("hi", options);
        var streamed = await chat.GetStreamingResponseAsync("hi", options).ToListAsync();
        var embeddings = await Host.GetEmbeddingGenerator(DemoModels.EmbeddingModelId).GenerateAsync(["one", "two"]);

        Assert.Equal(Day, plain.CreatedAt);
        Assert.NotEmpty(streamed);
        Assert.All(streamed, u => Assert.Equal(Day, u.CreatedAt));
        Assert.All(embeddings, e => Assert.Equal(Day, e.CreatedAt));
    }

    [Fact]
    public void TheHttpApisCreatedFieldIsTheInjectedClocksTimeInUnixSeconds()
    {
        var parsed = new HttpCompletionRequest { Model = "demo-chat", Settings = new GenerationRequest { PromptIds = [1, 2] } };
        var response = new CompletionResponse(parsed, parsed.Settings with { Seed = 1 }, chat: true, _clock);
        _clock.Advance(TimeSpan.FromMinutes(5)); // the time the response was created at, not the time of writing

        using var buffer = new MemoryStream();
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
            response.WriteChunk(json, 0, "x", null, null);

        using var chunk = System.Text.Json.JsonDocument.Parse(buffer.ToArray());
        Assert.Equal(Day.ToUnixTimeSeconds(), chunk.RootElement.GetProperty("created").GetInt64());
    }

    public void Dispose() => _services.Dispose();
}
