using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace InteractionLab.Api.LanguageModels;

/// <summary>
/// The one pipeline every model call goes through, built once per (endpoint, model) with
/// <see cref="ChatClientBuilder"/>. Outermost first:
/// <list type="number">
/// <item><see cref="ModelMetricsChatClient"/> — timing and usage per endpoint, queue waits included;</item>
/// <item><see cref="JsonAnswerChatClient"/> — JSON answers without fences or chatter, for <c>GetResponseAsync&lt;T&gt;</c>;</item>
/// <item><see cref="QueueingChatClient"/> — limits: a turn from the endpoint's <see cref="EndpointLimits"/>, back-off on
/// "busy", the timeout;</item>
/// <item>Microsoft.Extensions.AI's OpenTelemetry middleware — one span per call that reached the model
/// (<see cref="LanguageModelTelemetry.SourceName"/>), so waiting in line is not counted as the model's time;</item>
/// <item>Microsoft.Extensions.AI's logging middleware;</item>
/// <item>the endpoint's own client (OpenAI-compatible HTTP, <c>/v1/completions</c>, or the in-process engine).</item>
/// </list>
/// </summary>
public static class ModelPipeline
{
    /// <summary>The pipeline around <paramref name="inner"/>.</summary>
    public static IChatClient Build(IChatClient inner, string endpoint, string model, EndpointLimits limits, Func<Exception, bool> isBusy,
        ILoggerFactory loggers, TimeProvider time) =>
        new ChatClientBuilder(inner)
            .Use(c => new ModelMetricsChatClient(c, endpoint, model))
            .Use(c => new JsonAnswerChatClient(c))
            .Use(c => new QueueingChatClient(c, limits, isBusy, time))
            .UseOpenTelemetry(loggers, LanguageModelTelemetry.SourceName)
            .UseLogging(loggers)
            .Build();
}
