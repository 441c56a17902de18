using System.Security.Claims;
using InteractionLab.Api.Data;
using InteractionLab.Api.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InteractionLab.Api.ApiKeys;

/// <summary>
/// The one authentication scheme of endpoints that scripts (API key) and researchers (staff cookie) both call, such
/// as imports and the moral graph. It forwards to the API key handler when a key is presented, else to the staff
/// cookie, so an anonymous caller gets exactly one 401 instead of two handlers both writing a challenge. The exports
/// use it too, so the results page downloads what scripts pull.
/// </summary>
public static class StaffOrApiKey
{
    /// <summary>The scheme's name.</summary>
    public const string Scheme = "StaffOrApiKey";

    /// <summary>A researcher or admin (staff cookie), or a key with the <c>import</c> scope.</summary>
    public const string ImportPolicy = ApiKeyScopes.ImportPolicy;
    /// <summary>A researcher or admin (staff cookie), or a key with the <c>export</c> scope.</summary>
    public const string ReadPolicy = "ApiKey-or-staff:export";

    /// <summary>Registers the scheme and its two policies once, however many features ask for them.</summary>
    public static IServiceCollection AddStaffOrApiKeyScheme(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(Registered))) return services;
        services.AddSingleton<Registered>();
        services.AddAuthentication().AddPolicyScheme(Scheme, "Staff cookie or API key", o =>
            o.ForwardDefaultSelector = http => PresentsKey(http.Request) ? ApiKeyAuthenticationHandler.SchemeName : IdentityConstants.ApplicationScheme);
        services.AddAuthorizationBuilder()
            .AddPolicy(ImportPolicy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser()
                .RequireAssertion(c => IsResearcher(c.User) || c.User.HasClaim(ApiKeyScopes.ScopeClaim, ApiKeyScopes.Import)))
            .AddPolicy(ReadPolicy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser()
                .RequireAssertion(c => IsResearcher(c.User) || c.User.HasClaim(ApiKeyScopes.ScopeClaim, ApiKeyScopes.Export)));
        return services;
    }

    /// <summary>Whether the caller came with an API key rather than the staff cookie.</summary>
    public static bool IsKey(ClaimsPrincipal user) => user.Identity?.AuthenticationType == ApiKeyAuthenticationHandler.SchemeName;

    /// <summary>
    /// The study a caller of these endpoints reaches: staff through <see cref="IStudyAccess"/> (404 otherwise); a key
    /// bound to one study reaches only that one (403 for another, as the exports answer).
    /// </summary>
    public static async Task<Study> GetStudyAsync(this IStudyAccess access, PlatformDbContext db, ClaimsPrincipal user, Guid studyId,
        bool manage, CancellationToken ct = default)
    {
        if (!IsKey(user))
            return manage ? await access.GetManagedAsync(db, user, studyId, ct) : await access.GetVisibleAsync(db, user, studyId, ct);
        var study = await db.Studies.SingleOrDefaultAsync(s => s.Id == studyId, ct) ?? throw PlatformProblemException.StudyNotFound(studyId.ToString());
        if (user.FindFirst(ApiKeyScopes.StudyClaim)?.Value is { } bound && bound != study.Id.ToString())
            throw new PlatformProblemException(403, "Not allowed", "This API key is limited to another study.");
        return study;
    }

    private static bool IsResearcher(ClaimsPrincipal user) =>
        !IsKey(user) && (user.IsInRole(StaffRoles.Admin) || user.IsInRole(StaffRoles.Researcher));

    /// <summary>Whether the request carries an API key (bearer token or the key header).</summary>
    public static bool PresentsKey(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
        || !string.IsNullOrWhiteSpace(request.Headers[ApiKeyAuthenticationHandler.Header].ToString());

    private sealed class Registered;
}
