using InteractionLab.Api.ApiKeys;
using InteractionLab.Api.Staff;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace InteractionLab.Api.MoralGraph;

/// <summary>Registers <see cref="MoralGraphService"/> and the "staff or API key" scheme and policies of <see cref="MoralGraphApi"/>.</summary>
public static class MoralGraphExtensions
{
    /// <summary>Scheme that forwards to the API key handler when a key is presented, else to the staff cookie.</summary>
    public const string StaffOrKeyScheme = StaffOrApiKey.Scheme;
    /// <summary>Researchers and admins (staff cookie) or keys with the <c>import</c> scope.</summary>
    public const string ImportPolicy = "moral-graph-import";
    /// <summary>Researchers and admins (staff cookie) or keys with the <c>export</c> scope.</summary>
    public const string ReadPolicy = "moral-graph-read";

    /// <summary>Adds the service, scheme and policies. Call after <c>AddStaff</c> and <c>AddExportApi</c>.</summary>
    public static IHostApplicationBuilder AddMoralGraph(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<MoralGraphService>();
        builder.Services.AddStaffOrApiKeyScheme();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ImportPolicy, p => p.AddAuthenticationSchemes(StaffOrKeyScheme).RequireAuthenticatedUser()
                .RequireAssertion(c => IsResearcher(c.User) || c.User.HasClaim(ApiKeyScopes.ScopeClaim, ApiKeyScopes.Import)))
            .AddPolicy(ReadPolicy, p => p.AddAuthenticationSchemes(StaffOrKeyScheme).RequireAuthenticatedUser()
                .RequireAssertion(c => IsResearcher(c.User) || c.User.HasClaim(ApiKeyScopes.ScopeClaim, ApiKeyScopes.Export)));
        return builder;
    }

    private static bool IsResearcher(System.Security.Claims.ClaimsPrincipal user) =>
        user.Identity?.AuthenticationType != ApiKeyAuthenticationHandler.SchemeName
        && (user.IsInRole(StaffRoles.Admin) || user.IsInRole(StaffRoles.Researcher));
}
