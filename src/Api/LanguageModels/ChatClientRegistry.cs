using System.ClientModel;
using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;

namespace InteractionLab.Api.LanguageModels;

/// <summary>
/// Resolves a (endpoint, model) pair to an <see cref="IChatClient"/>: an in-process source when one serves the
/// endpoint, otherwise an OpenAI-compatible HTTP endpoint from configuration. Clients are created once.
/// </summary>
public sealed class ChatClientRegistry(
    IEnumerable<IChatClientSource> sources,
    IOptions<LanguageModelOptions> options,
    IHttpClientFactory httpClients)
{
    private readonly ConcurrentDictionary<(string Endpoint, string Model), IChatClient> _clients = new();

    /// <summary>The client for a model; 503 problem when the endpoint is not configured.</summary>
    public IChatClient Get(string endpoint, string model) =>
        _clients.GetOrAdd((endpoint, model), key => Create(key.Endpoint, key.Model));

    private IChatClient Create(string endpoint, string model)
    {
        var source = sources.FirstOrDefault(s => string.Equals(s.Endpoint, endpoint, StringComparison.OrdinalIgnoreCase));
        if (source is not null) return source.GetClient(model);
        if (!options.Value.Endpoints.TryGetValue(endpoint, out var config) || string.IsNullOrWhiteSpace(config.BaseUrl))
            throw new PlatformProblemException(503, "Model unavailable",
                $"The language model endpoint '{endpoint}' is not configured (LanguageModels:Endpoints:{endpoint}:BaseUrl).");
        var baseUrl = new Uri(config.BaseUrl.TrimEnd('/') + "/");
        return config.Style switch
        {
            EndpointStyle.Completion => new OpenAiCompletionsChatClient(httpClients.CreateClient("LanguageModels"), baseUrl, config.ApiKey, model),
            _ => new OpenAI.Chat.ChatClient(model, new ApiKeyCredential(config.ApiKey ?? "none"),
                new OpenAIClientOptions { Endpoint = baseUrl }).AsIChatClient(),
        };
    }
}
