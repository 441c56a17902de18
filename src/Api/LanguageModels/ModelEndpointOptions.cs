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
}
