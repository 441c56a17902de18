namespace InteractionLab.Api.LanguageModels;

/// <summary>One endpoint under <c>LanguageModels:Endpoints:{name}</c>.</summary>
public sealed class ModelEndpointOptions
{
    /// <summary>Base URL including <c>/v1</c>, e.g. <c>http://gpu-box:8000/v1</c>.</summary>
    public string? BaseUrl { get; set; }
    /// <summary>Bearer key (from user secrets or the environment, never the repository).</summary>
    public string? ApiKey { get; set; }
    /// <summary>chat or completion.</summary>
    public EndpointStyle Style { get; set; } = EndpointStyle.Chat;
    /// <summary>Most requests at once (null = no limit).</summary>
    public int? MaxConcurrentRequests { get; set; }
    /// <summary>Longest request in seconds (null = the HTTP client's own timeout).</summary>
    public int? TimeoutSeconds { get; set; }
}
