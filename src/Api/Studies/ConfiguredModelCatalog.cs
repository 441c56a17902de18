using InteractionLab.Api.LanguageModels;
using InteractionLab.Api.Seeding;
using Microsoft.Extensions.Options;

namespace InteractionLab.Api.Studies;

/// <summary>
/// Endpoints from configuration: the in-process sources (the local engine with the demo model) and the HTTP
/// endpoints under <c>LanguageModels:Endpoints</c>.
/// </summary>
public sealed class ConfiguredModelCatalog(IEnumerable<IChatClientSource> sources, IOptions<LanguageModelOptions> options) : IModelCatalog
{
    /// <inheritdoc />
    public Task<IReadOnlyList<ModelEndpointChoice>> GetEndpointsAsync(CancellationToken ct = default)
    {
        var local = sources.Select(s => s.Endpoint)
            .Select(name => new ModelEndpointChoice(name,
                string.Equals(name, LanguageModelOptions.LocalEndpoint, StringComparison.OrdinalIgnoreCase) ? [DemoStudy.ModelId] : []));
        var http = options.Value.Endpoints.Keys.Select(name => new ModelEndpointChoice(name, []));
        IReadOnlyList<ModelEndpointChoice> all = local.Concat(http)
            .DistinctBy(e => e.Name, StringComparer.OrdinalIgnoreCase)
            .OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return Task.FromResult(all);
    }
}
