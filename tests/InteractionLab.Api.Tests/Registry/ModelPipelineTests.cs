using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using InteractionLab.Api.LanguageModels;
using InteractionLab.Api.Registry;
using InteractionLab.Api.Tests.Infrastructure;
using InteractionLab.Domain.Studies;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.Tests.Registry;

/// <summary>
/// The middlewares of the one model pipeline, observed from outside: the limits hold a second call in line and say so,
/// the endpoint's reported usage is counted on the platform's meter, and each call to the model is an OpenTelemetry
/// activity of <see cref="LanguageModelTelemetry.SourceName"/>. The endpoint is the fake OpenAI-compatible server.
/// </summary>
public sealed class ModelPipelineTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    [Fact]
    public async Task TheLimitsQueueASecondCallAndTheUsageAndASpanOfEachCallAreRecorded()
    {
        await using var fake = await HelloModels.StartAsync();
        var name = "pipe-" + Guid.NewGuid().ToString("N")[..8];
        var model = "gpt-" + Guid.NewGuid().ToString("N")[..8];
        await platform.Factory.Services.GetRequiredService<ModelRegistryService>().CreateAsync(StaffMember.Admin, new ModelEndpointInput
        {
            Name = name, BaseUrl = fake.BaseUrl, DefaultModels = model, MaxConcurrentRequests = 1, TimeoutSeconds = 60,
        });
        var gateway = platform.Factory.Services.GetRequiredService<LanguageModelGateway>();
        var spans = new ConcurrentQueue<Activity>();
        using var activities = new ActivityListener
        {
            ShouldListenTo = s => s.Name == LanguageModelTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { if (Equals(a.GetTagItem("gen_ai.request.model"), model)) spans.Enqueue(a); },
        };
        ActivitySource.AddActivityListener(activities);
        var tokens = new ConcurrentQueue<(long Value, string? Direction)>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == LanguageModelTelemetry.MeterName && instrument.Name == "interactionlab.model.tokens") listener.EnableMeasurementEvents(instrument);
            },
        };
        meters.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var all = tags.ToArray();
            if (all.Any(t => t.Key == "endpoint" && Equals(t.Value, name)))
                tokens.Enqueue((value, all.FirstOrDefault(t => t.Key == "direction").Value as string));
        });
        meters.Start();

        // A call that never finishes holds the endpoint's only slot.
        var hanging = gateway.StreamAsync(new ModelRef(name, "hang"), [new ChatMessage(ChatRole.User, "hi")], new ChatOptions(), new GenerationRecord(), CancellationToken.None)
            .GetAsyncEnumerator();
        Assert.True(await hanging.MoveNextAsync());
        var told = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var record = new GenerationRecord { OnQueued = () => told.TrySetResult() };
        var second = gateway.StreamAsync(new ModelRef(name, model), [new ChatMessage(ChatRole.User, "hello")], new ChatOptions(), record, CancellationToken.None).ToListAsync().AsTask();
        await told.Task;
        var limits = platform.Factory.Services.GetRequiredService<ChatClientRegistry>().LimitsOf(name)!;
        Assert.Equal((1, 1), (limits.InFlight, limits.Waiting));
        await hanging.DisposeAsync();
        var pieces = await second;

        Assert.Equal("Hello there", string.Concat(pieces.Select(p => p.Text)));
        Assert.True(record.Queued);
        Assert.Equal((12, 2), (record.InputTokens, record.OutputTokens));
        Assert.Contains((12L, "input"), tokens);
        Assert.Contains((2L, "output"), tokens);
        var span = Assert.Single(spans);
        Assert.Equal(12, span.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(0, limits.InFlight);
    }
}
