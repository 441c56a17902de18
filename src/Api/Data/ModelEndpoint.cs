using InteractionLab.Api.LanguageModels;

namespace InteractionLab.Api.Data;

/// <summary>
/// An OpenAI-compatible model endpoint registered by an admin. Its <see cref="Name"/> is what a condition's
/// <c>ModelRef.Endpoint</c> names. The API key is stored only encrypted (Data Protection) and never leaves the server.
/// </summary>
public sealed class ModelEndpoint
{
    /// <summary>Primary key.</summary>
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>Unique name used as <c>ModelRef.Endpoint</c>.</summary>
    public required string Name { get; set; }
    /// <summary>Base URL including <c>/v1</c>, e.g. <c>https://api.example.org/v1</c>.</summary>
    public required string BaseUrl { get; set; }
    /// <summary>Chat or completion API.</summary>
    public EndpointStyle Style { get; set; } = EndpointStyle.Chat;
    /// <summary>Models offered in the study builder for this endpoint (optional).</summary>
    public List<string> DefaultModels { get; set; } = [];
    /// <summary>The API key encrypted with the purpose <c>InteractionLab.ModelEndpoint.ApiKey</c>; null when none.</summary>
    public string? ProtectedApiKey { get; set; }
    /// <summary>Most requests sent to the endpoint at once; further requests wait.</summary>
    public int MaxConcurrentRequests { get; set; } = 4;
    /// <summary>Seconds a request may take (and may wait for a free slot) before it is cancelled.</summary>
    public int TimeoutSeconds { get; set; } = 60;
    /// <summary>Whether conditions may use it.</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>When it was registered.</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When it was last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}
