using InteractionLab.Api.LanguageModels;

namespace InteractionLab.Api.Registry;

/// <summary>A registered endpoint as shown to admins: the key only as set / not set.</summary>
/// <param name="Id">Id.</param>
/// <param name="Name">Name used as <c>ModelRef.Endpoint</c>.</param>
/// <param name="BaseUrl">Base URL.</param>
/// <param name="Style">Chat or completion.</param>
/// <param name="DefaultModels">Models offered.</param>
/// <param name="ApiKeySet">Whether a key is stored.</param>
/// <param name="MaxConcurrentRequests">Most requests at once.</param>
/// <param name="TimeoutSeconds">Request timeout.</param>
/// <param name="Enabled">Whether conditions may use it.</param>
/// <param name="UpdatedAt">Last change.</param>
public sealed record ModelEndpointView(
    Guid Id, string Name, string BaseUrl, EndpointStyle Style, IReadOnlyList<string> DefaultModels, bool ApiKeySet,
    int MaxConcurrentRequests, int TimeoutSeconds, bool Enabled, DateTimeOffset UpdatedAt)
{
    /// <summary>The form model for editing it (without the key).</summary>
    public ModelEndpointInput ToInput() => new()
    {
        Name = Name, BaseUrl = BaseUrl, Style = Style, DefaultModels = string.Join(", ", DefaultModels),
        MaxConcurrentRequests = MaxConcurrentRequests, TimeoutSeconds = TimeoutSeconds, Enabled = Enabled,
    };
}

/// <summary>An endpoint that is not edited here: in-process models or endpoints from configuration.</summary>
/// <param name="Endpoint">Endpoint name.</param>
/// <param name="Model">Model id (null for a configured endpoint's whole list).</param>
/// <param name="Origin">"in-process" or "configuration".</param>
/// <param name="Detail">Execution provider (in-process) or base URL (configuration).</param>
public sealed record ReadOnlyModelView(string Endpoint, string? Model, string Origin, string? Detail);

/// <summary>Result of a health check.</summary>
/// <param name="Endpoint">Endpoint checked.</param>
/// <param name="Ok">Whether it answered with a model list.</param>
/// <param name="LatencyMs">Time to the answer.</param>
/// <param name="Models">Models it listed.</param>
/// <param name="Message">What went wrong, in words, when not ok.</param>
public sealed record EndpointHealth(string Endpoint, bool Ok, double LatencyMs, IReadOnlyList<string> Models, string? Message);
