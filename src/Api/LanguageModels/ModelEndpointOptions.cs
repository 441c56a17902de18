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
    /// <summary>Most requests at once (null = no limit; for the in-process engine: its own per-model limit).</summary>
    public int? MaxConcurrentRequests { get; set; }
    /// <summary>Most requests waiting for a turn (null = <see cref="EndpointLimits.DefaultQueue"/>).</summary>
    public int? MaxQueuedRequests { get; set; }
    /// <summary>Longest wait for a turn and longest request, in seconds (null = 300).</summary>
    public int? TimeoutSeconds { get; set; }
    /// <summary>Tokens the endpoint's models read at most (prompt plus answer), when known; prompts are then fitted to it.</summary>
    public int? ContextLength { get; set; }
}
