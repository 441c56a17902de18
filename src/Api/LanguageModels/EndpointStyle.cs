namespace InteractionLab.Api.LanguageModels;

/// <summary>Which OpenAI-compatible API an HTTP endpoint is called through.</summary>
public enum EndpointStyle
{
    /// <summary><c>/v1/chat/completions</c>.</summary>
    Chat,
    /// <summary><c>/v1/completions</c> with a raw text prompt.</summary>
    Completion,
}
