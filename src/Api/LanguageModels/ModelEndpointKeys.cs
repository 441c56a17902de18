using Microsoft.AspNetCore.DataProtection;

namespace InteractionLab.Api.LanguageModels;

/// <summary>Encrypts and decrypts registered endpoints' API keys with Data Protection, so the database holds no key in clear.</summary>
public sealed class ModelEndpointKeys(IDataProtectionProvider protection)
{
    /// <summary>Data Protection purpose of the keys.</summary>
    public const string Purpose = "InteractionLab.ModelEndpoint.ApiKey";

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    /// <summary>The stored form of a key (null or blank: no key).</summary>
    public string? Protect(string? apiKey) => string.IsNullOrWhiteSpace(apiKey) ? null : _protector.Protect(apiKey.Trim());

    /// <summary>The key in clear, for the outgoing request only.</summary>
    public string? Unprotect(string? stored) => stored is null ? null : _protector.Unprotect(stored);
}
