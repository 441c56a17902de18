using System.Text;
using InteractionLab.Inference.Demo;
using Microsoft.Extensions.AI;

namespace InteractionLab.Inference.Tests;

public class StreamingTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private readonly IChatClient _chat = fixture.Host.GetChatClient(DemoModels.ChatModelId);

    [Fact]
    public async Task StreamedTokensConcatenateToTheNonStreamedTextAndTheLastUpdateCarriesFinishAndUsage()
    {
        var options = new ChatOptions { Temperature = 0, MaxOutputTokens = 25 };
        var whole = await _chat.GetResponseAsync("Stream this", options);
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in _chat.GetStreamingResponseAsync("Stream this", options))
        {
            updates.Add(update);
        }

        Assert.Equal(whole.Text, string.Concat(updates.Select(u => u.Text)));
        Assert.True(updates.Count > 5);
        Assert.All(updates[..^1], u => Assert.Null(u.FinishReason));
        Assert.Equal(ChatFinishReason.Length, updates[^1].FinishReason);
        var usage = Assert.Single(updates[^1].Contents.OfType<UsageContent>()).Details;
        Assert.Equal(25, usage.OutputTokenCount);
        Assert.Equal(whole.Usage!.InputTokenCount, usage.InputTokenCount);
        Assert.True(updates[0].AdditionalProperties!.ContainsKey("seed"));
    }

    [Fact]
    public async Task StopSequencesCutTheTextExactlyBeforeTheStopString()
    {
        var greedy = new ChatOptions { Temperature = 0, MaxOutputTokens = 60 };
        var full = (await _chat.GetResponseAsync("Where do stops go?", greedy)).Text;
        var stop = full.Substring(full.Length / 2, 3);
        var expected = full[..full.IndexOf(stop, StringComparison.Ordinal)];

        var cut = await _chat.GetResponseAsync("Where do stops go?", new ChatOptions { Temperature = 0, MaxOutputTokens = 60, StopSequences = [stop] });
        var streamed = new StringBuilder();
        ChatFinishReason? finish = null;
        await foreach (var u in _chat.GetStreamingResponseAsync("Where do stops go?", new ChatOptions { Temperature = 0, MaxOutputTokens = 60, StopSequences = [stop] }))
        {
            streamed.Append(u.Text);
            finish = u.FinishReason ?? finish;
        }

        Assert.Equal(expected, cut.Text);
        Assert.Equal(ChatFinishReason.Stop, cut.FinishReason);
        Assert.Equal(expected, streamed.ToString());
        Assert.Equal(ChatFinishReason.Stop, finish);
    }

    [Fact]
    public async Task CancellingMidStreamStopsTheComputeAtOnceAndFreesTheSlot()
    {
        var model = fixture.Host.GetDecoder(DemoModels.ChatModelId);
        using var cts = new CancellationTokenSource();
        var received = 0;
        long stepsAtCancel = 0;
        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in _chat.GetStreamingResponseAsync("Go on forever",
                new ChatOptions { Temperature = 0, MaxOutputTokens = 1000 }, cts.Token))
            {
                if (++received == 5)
                {
                    stepsAtCancel = model.Metrics.Steps;
                    cts.Cancel();
                }
            }
        });

        Assert.Equal(5, received);
        Assert.True(model.Metrics.Steps - stepsAtCancel <= 1, "no decoding step may start after cancellation");
        Assert.Equal(0, model.Gate.Running);
    }

    [Fact]
    public async Task NCompletionsComeBackAsNMessagesFromOneRequest()
    {
        var options = new ChatOptions
        {
            Temperature = 1f, MaxOutputTokens = 20, Seed = 7,
            AdditionalProperties = new() { ["n"] = 5 },
        };
        var response = await _chat.GetResponseAsync("Suggest a word", options);
        var again = await _chat.GetResponseAsync("Suggest a word", options);

        Assert.Equal(5, response.Messages.Count);
        Assert.All(response.Messages, m => Assert.NotEmpty(m.Text));
        Assert.True(response.Messages.Select(m => m.Text).Distinct().Count() > 1, "each completion samples its own stream");
        Assert.Equal(response.Messages.Select(m => m.Text), again.Messages.Select(m => m.Text));
        Assert.Equal(100, response.Usage!.OutputTokenCount);
    }

    [Fact]
    public async Task CompletionStylePromptsAreSentVerbatimWithoutTheChatTemplate()
    {
        const string prompt = "User: hi\nAssistant: hello\nUser: how are you?\nAssistant:";
        var options = new ChatOptions
        {
            Temperature = 0, MaxOutputTokens = 30, StopSequences = ["\nUser:"],
            AdditionalProperties = new() { ["prompt_style"] = "completion" },
        };
        var completion = await _chat.GetResponseAsync([new ChatMessage(ChatRole.User, prompt)], options);
        var chat = await _chat.GetResponseAsync([new ChatMessage(ChatRole.User, prompt)], new ChatOptions { Temperature = 0, MaxOutputTokens = 30, StopSequences = ["\nUser:"] });
        var tokenizer = fixture.Host.GetDecoder(DemoModels.ChatModelId).Tokenizer;

        Assert.Equal(tokenizer.Encode(prompt, false).Count, completion.Usage!.InputTokenCount);
        Assert.True(chat.Usage!.InputTokenCount > completion.Usage.InputTokenCount, "the chat template adds its markup");
        Assert.DoesNotContain("\nUser:", completion.Text);
    }
}
