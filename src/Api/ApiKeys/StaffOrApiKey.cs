using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.ApiKeys;

/// <summary>
/// The one authentication scheme of endpoints that scripts (API key) and researchers (staff cookie) both call, such
/// as imports and the moral graph. It forwards to the API key handler when a key is presented, else to the staff
/// cookie, so an anonymous caller gets exactly one 401 instead of two handlers both writing a challenge.
/// </summary>
public static class StaffOrApiKey
{
    /// <summary>The scheme's name.</summary>
    public const string Scheme = "StaffOrApiKey";

    /// <summary>Registers the scheme once, however many features ask for it.</summary>
    public static IServiceCollection AddStaffOrApiKeyScheme(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(Registered))) return services;
        services.AddSingleton<Registered>();
        services.AddAuthentication().AddPolicyScheme(Scheme, "Staff cookie or API key", o =>
            o.ForwardDefaultSelector = http => PresentsKey(http.Request) ? ApiKeyAuthenticationHandler.SchemeName : IdentityConstants.ApplicationScheme);
        return services;
    }

    /// <summary>Whether the request carries an API key (bearer token or the key header).</summary>
    public static bool PresentsKey(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
        || !string.IsNullOrWhiteSpace(request.Headers[ApiKeyAuthenticationHandler.Header].ToString());

    private sealed class Registered;
}
