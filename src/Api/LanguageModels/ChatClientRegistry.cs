using System.ClientModel;
using System.Collections.Concurrent;
using InteractionLab.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenAI;

namespace InteractionLab.Api.LanguageModels;

/// <summary>
/// Resolves a (endpoint, model) pair to its <see cref="ModelPipeline"/>: around an in-process source's client when one
/// serves the endpoint, else around an enabled endpoint of the admins' registry (database), else around an
/// OpenAI-compatible HTTP endpoint from configuration. Pipelines are built once and dropped by <see cref="Invalidate"/>
/// when the registry changes. Only <see cref="LanguageModelGateway"/> calls models through them.
/// </summary>
public sealed class ChatClientRegistry(
    IEnumerable<IChatClientSource> sources,
    IOptions<LanguageModelOptions> options,
    IHttpClientFactory httpClients,
    IDbContextFactory<PlatformDbContext> dbFactory,
    ModelEndpointKeys keys,
    ILoggerFactory loggers,
    TimeProvider time)
{
    /// <summary>Longest wait and request when nothing is configured (the HTTP client gives up after 5 minutes too).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(300);

    private readonly ConcurrentDictionary<(string Endpoint, string Model), IChatClient> _clients = new();
    private readonly ConcurrentDictionary<string, EndpointLimits> _limits = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The in-process sources (e.g. <c>local</c>).</summary>
    public IEnumerable<IChatClientSource> Sources => sources;

    /// <summary>The pipeline of a model (callers go through <see cref="LanguageModelGateway"/>); 503 problem when the endpoint is unknown or disabled.</summary>
    public IChatClient Get(string endpoint, string model) =>
        _clients.GetOrAdd((endpoint.ToLowerInvariant(), model), key => Create(endpoint, key.Model));

    /// <summary>Forgets the clients and limits of an endpoint, so the next request uses its current settings.</summary>
    public void Invalidate(string endpoint)
    {
        foreach (var key in _clients.Keys.Where(k => string.Equals(k.Endpoint, endpoint, StringComparison.OrdinalIgnoreCase)))
            _clients.TryRemove(key, out _);
        // Requests already running keep the old limiter; it is simply no longer handed out.
        _limits.TryRemove(endpoint, out _);
    }

    /// <summary>The limits now applied to an endpoint (an in-process engine's: to <c>endpoint/model</c>), if it has been used.</summary>
    public EndpointLimits? LimitsOf(string endpoint) => _limits.GetValueOrDefault(endpoint);

    /// <summary>The context window of a model when it is known: exact for in-process models, estimated where configured.</summary>
    public ModelContext? ContextOf(string endpoint, string model)
    {
        if (SourceOf(endpoint) is { } source) return source.ContextOf(model);
        return options.Value.Endpoints.TryGetValue(endpoint, out var config) && config.ContextLength is > 0 and var length
            ? ModelContext.Estimated(length) : null;
    }

    /// <summary>The bare client of an endpoint described by its settings (wrapped into the pipeline by <see cref="Get"/>).</summary>
    internal IChatClient CreateHttpClient(string baseUrl, EndpointStyle style, string? apiKey, string model)
    {
        var uri = new Uri(baseUrl.TrimEnd('/') + "/");
        return style switch
        {
            EndpointStyle.Completion => new OpenAiCompletionsChatClient(httpClients.CreateClient("LanguageModels"), uri, apiKey, model),
            _ => new OpenAI.Chat.ChatClient(model, new ApiKeyCredential(apiKey ?? "none"),
                new OpenAIClientOptions { Endpoint = uri }).AsIChatClient(),
        };
    }

    private IChatClientSource? SourceOf(string endpoint) =>
        sources.FirstOrDefault(s => string.Equals(s.Endpoint, endpoint, StringComparison.OrdinalIgnoreCase));

    private IChatClient Create(string endpoint, string model)
    {
        if (SourceOf(endpoint) is { } source)
        {
            // The engine limits each model on its own, so the line is per model; beyond its capacity it refuses, so
            // the platform keeps the extra requests waiting here instead.
            var local = options.Value.Endpoints.GetValueOrDefault(endpoint);
            var limits = _limits.GetOrAdd($"{endpoint}/{model}", name => new EndpointLimits(name,
                source.CapacityOf(model) ?? local?.MaxConcurrentRequests ?? int.MaxValue / 2, Timeout(local?.TimeoutSeconds),
                local?.MaxQueuedRequests ?? EndpointLimits.DefaultQueue));
            return Pipeline(source.GetClient(model), endpoint, model, limits, e => source.IsBusy(e) || QueueingChatClient.IsHttpBusy(e));
        }

        if (FindRegistered(endpoint) is { } registered)
        {
            if (!registered.Enabled)
                throw new PlatformProblemException(503, "Model unavailable", $"The language model endpoint '{endpoint}' is disabled in the model registry.");
            var limits = _limits.GetOrAdd(endpoint, name =>
                new EndpointLimits(name, registered.MaxConcurrentRequests, TimeSpan.FromSeconds(registered.TimeoutSeconds)));
            return Pipeline(CreateHttpClient(registered.BaseUrl, registered.Style, keys.Unprotect(registered.ProtectedApiKey), model),
                endpoint, model, limits, QueueingChatClient.IsHttpBusy);
        }

        if (!options.Value.Endpoints.TryGetValue(endpoint, out var config) || string.IsNullOrWhiteSpace(config.BaseUrl))
            throw new PlatformProblemException(503, "Model unavailable",
                $"The language model endpoint '{endpoint}' is neither registered (Admin › Models) nor configured (LanguageModels:Endpoints:{endpoint}:BaseUrl).");
        var configured = _limits.GetOrAdd(endpoint, name => new EndpointLimits(name,
            config.MaxConcurrentRequests ?? int.MaxValue / 2, Timeout(config.TimeoutSeconds), config.MaxQueuedRequests ?? EndpointLimits.DefaultQueue));
        return Pipeline(CreateHttpClient(config.BaseUrl, config.Style, config.ApiKey, model), endpoint, model, configured, QueueingChatClient.IsHttpBusy);
    }

    private IChatClient Pipeline(IChatClient inner, string endpoint, string model, EndpointLimits limits, Func<Exception, bool> isBusy) =>
        ModelPipeline.Build(inner, endpoint, model, limits, isBusy, loggers, time);

    private static TimeSpan Timeout(int? seconds) => seconds is > 0 ? TimeSpan.FromSeconds(seconds.Value) : DefaultTimeout;

    private ModelEndpoint? FindRegistered(string endpoint)
    {
        using var db = dbFactory.CreateDbContext();
        var name = endpoint.ToLowerInvariant();
        // Names are stored lower-case, so this is an index lookup on both providers.
        return db.ModelEndpoints.AsNoTracking().FirstOrDefault(e => e.Name == name);
    }
}
