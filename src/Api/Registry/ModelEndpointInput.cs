using System.ComponentModel.DataAnnotations;
using InteractionLab.Api.LanguageModels;

namespace InteractionLab.Api.Registry;

/// <summary>
/// What an admin enters to register or edit a model endpoint (the admin form binds to it). The attributes are the
/// rules <see cref="ModelRegistryService"/> checks; the form does not check them itself but shows the service's
/// field errors, keyed by these member names.
/// </summary>
public sealed class ModelEndpointInput
{
    /// <summary>Name conditions refer to; lower-case letters, digits, '-' and '_'.</summary>
    [Required(ErrorMessage = "Give the endpoint a name.")]
    [RegularExpression("^[a-z0-9][a-z0-9_-]{0,63}$", ErrorMessage = "Use 1 to 64 lower-case letters, digits, '-' or '_', starting with a letter or digit.")]
    public string Name { get; set; } = "";

    /// <summary>Base URL including <c>/v1</c>.</summary>
    [Required(ErrorMessage = "Enter the base URL, e.g. https://api.example.org/v1.")]
    [Url(ErrorMessage = "The base URL must be an http:// or https:// address.")]
    [MaxLength(512, ErrorMessage = "The base URL is limited to 512 characters.")]
    public string BaseUrl { get; set; } = "";

    /// <summary>Chat or completion API.</summary>
    public EndpointStyle Style { get; set; } = EndpointStyle.Chat;

    /// <summary>Model ids offered for this endpoint, separated by commas or new lines (optional).</summary>
    [MaxLength(2000, ErrorMessage = "The model list is limited to 2000 characters.")]
    public string? DefaultModels { get; set; }

    /// <summary>A new API key; empty keeps the stored one. Never filled when editing (the key is not sent back).</summary>
    [MaxLength(1000, ErrorMessage = "The API key is limited to 1000 characters.")]
    public string? ApiKey { get; set; }

    /// <summary>Removes the stored key.</summary>
    public bool ClearApiKey { get; set; }

    /// <summary>Most requests at once.</summary>
    [Range(1, 256, ErrorMessage = "Concurrent requests must be between 1 and 256.")]
    public int MaxConcurrentRequests { get; set; } = 4;

    /// <summary>Request timeout in seconds.</summary>
    [Range(1, 600, ErrorMessage = "The timeout must be between 1 and 600 seconds.")]
    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>Whether conditions may use it.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The model ids of <see cref="DefaultModels"/> as a list.</summary>
    public List<string> ModelList() => (DefaultModels ?? "")
        .Split([',', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Distinct(StringComparer.Ordinal).ToList();
}
