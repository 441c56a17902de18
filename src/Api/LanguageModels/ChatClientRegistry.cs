using System.ClientModel;
using System.Collections.Concurrent;
using InteractionLab.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenAI;

namespace InteractionLab.Api.LanguageModels;

/// <summary>
/// Resolves a (endpoint, model) pair to an <see cref="IChatClient"/>: an in-process source when one serves the
/// endpoint, else an enabled endpoint of the admins' registry (database), else an OpenAI-compatible HTTP endpoint
/// from configuration. Clients are created once and dropped by <see cref="Invalidate"/> when the registry changes.
/// Registered and configured endpoints with limits are wrapped in a <see cref="LimitedChatClient"/>.
/// </summary>
public sealed class ChatClientRegistry(
    IEnumerable<IChatClientSource> sources,
    IOptions<LanguageModelOptions> options,
    IHttpClientFactory httpClients,
    IServiceScopeFactory scopes,
    ModelEndpointKeys keys)
{
    private readonly ConcurrentDictionary<(string Endpoint, string Model), IChatClient> _clients = new();
    private readonly ConcurrentDictionary<string, EndpointLimits> _limits = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The in-process sources (e.g. <c>local</c>).</summary>
    public IEnumerable<IChatClientSource> Sources => sources;

    /// <summary>The client for a model; 503 problem when the endpoint is unknown or disabled.</summary>
    public IChatClient Get(string endpoint, string model) =>
        _clients.GetOrAdd((endpoint.ToLowerInvariant(), model), key => Create(endpoint, key.Model));

    /// <summary>Forgets the clients and limits of an endpoint, so the next request uses its current settings.</summary>
    public void Invalidate(string endpoint)
    {
        foreach (var key in _clients.Keys.Where(k => string.Equals(k.Endpoint, endpoint, StringComparison.OrdinalIgnoreCase)))
            _clients.TryRemove(key, out _);
        // Requests already running keep the old semaphore; it is simply no longer handed out.
        _limits.TryRemove(endpoint, out _);
    }

    /// <summary>The limits now applied to an endpoint, if it has any.</summary>
    public EndpointLimits? LimitsOf(string endpoint) => _limits.GetValueOrDefault(endpoint);

    /// <summary>A client for an endpoint described by its settings (used for registered endpoints and health checks).</summary>
    public IChatClient CreateHttpClient(string baseUrl, EndpointStyle style, string? apiKey, string model)
    {
        var uri = new Uri(baseUrl.TrimEnd('/') + "/");
        return style switch
        {
            EndpointStyle.Completion => new OpenAiCompletionsChatClient(httpClients.CreateClient("LanguageModels"), uri, apiKey, model),
            _ => new OpenAI.Chat.ChatClient(model, new ApiKeyCredential(apiKey ?? "none"),
                new OpenAIClientOptions { Endpoint = uri }).AsIChatClient(),
        };
    }

    private IChatClient Create(string endpoint, string model)
    {
        var source = sources.FirstOrDefault(s => string.Equals(s.Endpoint, endpoint, StringComparison.OrdinalIgnoreCase));
        if (source is not null) return source.GetClient(model);

        if (FindRegistered(endpoint) is { } registered)
        {
            if (!registered.Enabled)
                throw new PlatformProblemException(503, "Model unavailable", $"The language model endpoint '{endpoint}' is disabled in the model registry.");
            var limits = _limits.GetOrAdd(endpoint, name =>
                new EndpointLimits(name, registered.MaxConcurrentRequests, TimeSpan.FromSeconds(registered.TimeoutSeconds)));
            return new LimitedChatClient(CreateHttpClient(registered.BaseUrl, registered.Style, keys.Unprotect(registered.ProtectedApiKey), model), limits);
        }

        if (!options.Value.Endpoints.TryGetValue(endpoint, out var config) || string.IsNullOrWhiteSpace(config.BaseUrl))
            throw new PlatformProblemException(503, "Model unavailable",
                $"The language model endpoint '{endpoint}' is neither registered (Admin › Models) nor configured (LanguageModels:Endpoints:{endpoint}:BaseUrl).");
        var client = CreateHttpClient(config.BaseUrl, config.Style, config.ApiKey, model);
        if (config.MaxConcurrentRequests is null && config.TimeoutSeconds is null) return client;
        var configured = _limits.GetOrAdd(endpoint, name => new EndpointLimits(name,
            config.MaxConcurrentRequests ?? int.MaxValue / 2, TimeSpan.FromSeconds(config.TimeoutSeconds ?? 300)));
        return new LimitedChatClient(client, configured);
    }

    private ModelEndpoint? FindRegistered(string endpoint)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var name = endpoint.ToLowerInvariant();
        // Names are stored lower-case, so this is an index lookup on both providers.
        return db.ModelEndpoints.AsNoTracking().FirstOrDefault(e => e.Name == name);
    }
}
