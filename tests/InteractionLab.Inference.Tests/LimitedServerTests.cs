using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using InteractionLab.Inference.Demo;

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
        using var first = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = JsonContent.Create(Chat) },
            HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode); // headers are sent only after the slot is taken

        using var refused = await client.PostAsJsonAsync("/v1/chat/completions", Chat);
        var error = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        var firstBody = await first.Content.ReadAsStringAsync(); // lets the first stream finish
        using var afterwards = await client.PostAsJsonAsync("/v1/chat/completions", new { model = DemoModels.ChatModelId, prompt = "x", messages = new[] { new { role = "user", content = "x" } }, max_tokens = 2 });

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("rate_limit_exceeded", error.GetProperty("code").GetString());
        Assert.Contains("capacity", error.GetProperty("message").GetString());
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.EndsWith("data: [DONE]\n\n", firstBody);
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
    }
}
