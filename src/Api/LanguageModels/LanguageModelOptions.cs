namespace InteractionLab.Api.LanguageModels;

/// <summary>Settings under <c>LanguageModels</c>.</summary>
public sealed class LanguageModelOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "LanguageModels";
    /// <summary>Endpoint name of the in-process engine.</summary>
    public const string LocalEndpoint = "local";

    /// <summary>HTTP endpoints by name.</summary>
    public Dictionary<string, ModelEndpointOptions> Endpoints { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
