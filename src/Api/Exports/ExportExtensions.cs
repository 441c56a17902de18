using InteractionLab.Api.ApiKeys;
using InteractionLab.Api.Imports;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace InteractionLab.Api.Exports;

/// <summary>Registers API-key authentication, the export policy (API key or staff cookie), the REST JSON and the OpenAPI document.</summary>
public static class ExportExtensions
{
    /// <summary>Adds what the REST API needs.</summary>
    public static IHostApplicationBuilder AddExportApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<ApiKeyService>();
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddStaffOrApiKeyScheme();
        builder.AddCoAuthorImport();
        builder.Services.AddOpenApi(o => o.AddSchemaTransformer<Hosting.ConfigDialectSchemas>());
        builder.Services.ConfigureHttpJsonOptions(o => Hosting.PlatformJson.Apply(o.SerializerOptions));
        return builder;
    }
}
