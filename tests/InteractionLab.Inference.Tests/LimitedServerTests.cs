using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using InteractionLab.Inference.Demo;
using Microsoft.Extensions.AI;

namespace InteractionLab.Inference.Tests;

/// <summary>A server with one slot, no queue and an API key.</summary>
public sealed class LimitedServerFixture : ServerFixture
{
    public const string Key = "test-key";

    protected override Dictionary<string, string?> Settings => new(base.Settings)
    {
        ["Inference:MaxConcurrentRequestsPerModel"] = "1",
        ["Inference:MaxQueuedRequestsPerModel"] = "0",
        ["Inference:ApiKey"] = Key,
    };
}

public class LimitedServerTests(LimitedServerFixture server) : IClassFixture<LimitedServerFixture>
{
    private static readonly object Chat = new { model = DemoModels.ChatModelId, messages = new[] { new { role = "user", content = "hi" } }, max_tokens = 200, stream = true };

    private HttpClient Client(string? key = LimitedServerFixture.Key)
    {
        var client = server.CreateClient();
        if (key is not null) { client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key); }
        return client;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong")]
    public async Task RequestsWithoutTheRightBearerKeyAreRefused(string? key)
    {
        using var response = await Client(key).GetAsync("/v1/models");
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_api_key", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task BeyondTheConcurrencyLimitAndQueueTheServiceAnswers429UntilASlotIsFree()
    {
        var client = Client();
        var stream = server.Host.GetChatClient(DemoModels.ChatModelId)
            // Seeded so the holder cannot draw end-of-text at once (an unseeded draw made this test flaky).
            .GetStreamingResponseAsync("hold the only slot", new ChatOptions { MaxOutputTokens = 500, Seed = 7 }).GetAsyncEnumerator();
        Assert.True(await stream.MoveNextAsync()); // a stream is running and holds the model's single slot
        Assert.Null(stream.Current.FinishReason);

        using var refused = await client.PostAsJsonAsync("/v1/chat/completions", Chat);
        var error = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        await stream.DisposeAsync(); // the caller goes away: the slot is released at once
        using var afterwards = await client.PostAsJsonAsync("/v1/chat/completions", Chat);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("rate_limit_exceeded", error.GetProperty("code").GetString());
        Assert.Contains("capacity", error.GetProperty("message").GetString());
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
        Assert.EndsWith("data: [DONE]\n\n", await afterwards.Content.ReadAsStringAsync());
    }
}
