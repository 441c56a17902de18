using InteractionLab.Api.Registry;

namespace InteractionLab.Api.Studies;

/// <summary>
/// <see cref="IModelCatalog"/> on <see cref="EndpointModelLister"/>: every endpoint a condition can name, asked for
/// its models side by side, each waiting at most <see cref="MaxWait"/> so one dead endpoint does not hold up the builder.
/// </summary>
public sealed class ModelCatalog(EndpointModelLister lister) : IModelCatalog
{
    /// <summary>Longest wait for one endpoint's model list.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    public async Task<IReadOnlyList<EndpointModels>> GetEndpointsAsync(CancellationToken ct = default)
    {
        var names = await lister.NamesAsync(ct);
        return await Task.WhenAll(names.Select(n => lister.ListAsync(n.Name, MaxWait, ct)));
    }
}
