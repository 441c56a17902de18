using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InteractionLab.Inference.Demo;

namespace InteractionLab.Inference.Tests;

public class HttpApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly HttpClient _http = server.CreateClient();

    private async Task<(HttpStatusCode, JsonElement)> Post(string path, object body)
    {
        using var response = await _http.PostAsJsonAsync(path, body);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    [Fact]
    public async Task ModelsListsBothDemoModelsLabelledAsDemoAndTheProviderOnceLoaded()
    {
        await Post("/v1/completions", new { model = DemoModels.ChatModelId, prompt = "x", max_tokens = 1 });

        var list = await _http.GetFromJsonAsync<JsonElement>("/v1/models");
        var chat = list.GetProperty("data").EnumerateArray().Single(m => m.GetProperty("id").GetString() == DemoModels.ChatModelId);

        Assert.Equal("list", list.GetProperty("object").GetString());
        Assert.Equal("Demo model (random weights)", chat.GetProperty("description").GetString());
        Assert.Equal("CPUExecutionProvider", chat.GetProperty("execution_provider").GetString());
        Assert.Contains(list.GetProperty("data").EnumerateArray(), m => m.GetProperty("id").GetString() == DemoModels.EmbeddingModelId);
    }

    [Theory]
    [InlineData("{\"model\":\"nope\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", 404, "model", "model_not_found")]
    [InlineData("{\"model\":\"demo-chat\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"temperature\":7}", 400, "temperature", null)]
    [InlineData("{\"model\":\"demo-chat\",\"messages\":[]}", 400, "messages", null)]
    [InlineData("{\"model\":\"demo-chat\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"n\":\"five\"}", 400, "n", null)]
    [InlineData("{not json", 400, null, null)]
    public async Task BadRequestsGetOpenAiShapedErrors(string body, int status, string? param, string? code)
    {
        using var response = await _http.PostAsync("/v1/chat/completions", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");

        Assert.Equal(status, (int)response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(status == 404 || status == 400 ? "invalid_request_error" : "server_error", error.GetProperty("type").GetString());
    }

    [Fact]
    public async Task TextCompletionsReturnLogprobsAndNChoices()
    {
        var (status, body) = await Post("/v1/completions", new { model = DemoModels.ChatModelId, prompt = "Once upon", max_tokens = 6, n = 3, logprobs = 2, seed = 5 });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text_completion", body.GetProperty("object").GetString());
        var choices = body.GetProperty("choices").EnumerateArray().ToList();
        Assert.Equal([0, 1, 2], choices.Select(c => c.GetProperty("index").GetInt32()));
        var logprobs = choices[0].GetProperty("logprobs");
        Assert.Equal(6, logprobs.GetProperty("token_logprobs").GetArrayLength());
        Assert.All(logprobs.GetProperty("token_logprobs").EnumerateArray(), lp => Assert.True(lp.GetDouble() <= 0));
        Assert.Equal(string.Concat(logprobs.GetProperty("tokens").EnumerateArray().Select(t => t.GetString())), choices[0].GetProperty("text").GetString());
        Assert.Equal(18, body.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal(5, body.GetProperty("seed").GetInt64());
    }

    [Fact]
    public async Task ChatLogprobsListEachTokenWithItsTopAlternatives()
    {
        var (_, body) = await Post("/v1/chat/completions", new
        {
            model = DemoModels.ChatModelId, messages = new[] { new { role = "user", content = "hi" } }, max_tokens = 4, temperature = 0, logprobs = true, top_logprobs = 3,
        });

        var content = body.GetProperty("choices")[0].GetProperty("logprobs").GetProperty("content").EnumerateArray().ToList();
        Assert.Equal(4, content.Count);
        Assert.All(content, c => Assert.Equal(3, c.GetProperty("top_logprobs").GetArrayLength()));
        Assert.All(content, c => Assert.Equal(c.GetProperty("top_logprobs")[0].GetProperty("token").GetString(), c.GetProperty("token").GetString()));
    }

    [Fact]
    public async Task EmbeddingsEndpointReturnsOneUnitVectorPerInput()
    {
        var (status, body) = await Post("/v1/embeddings", new { model = DemoModels.EmbeddingModelId, input = new[] { "a", "b c" } });

        Assert.Equal(HttpStatusCode.OK, status);
        var data = body.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(2, data.Count);
        Assert.All(data, d => Assert.Equal(1.0, Math.Sqrt(d.GetProperty("embedding").EnumerateArray().Sum(x => x.GetDouble() * x.GetDouble())), 4));
    }

    [Fact]
    public async Task StreamedTextCompletionsEndWithUsageAndDone()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/completions")
        {
            Content = JsonContent.Create(new { model = DemoModels.ChatModelId, prompt = "Stream", max_tokens = 5, stream = true, stream_options = new { include_usage = true } }),
        };
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var events = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("data: [DONE]", events[^1]);
        var usage = JsonDocument.Parse(events[^2]["data: ".Length..]).RootElement.GetProperty("usage");
        Assert.Equal(5, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal("length", JsonDocument.Parse(events[^3]["data: ".Length..]).RootElement.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }
}
