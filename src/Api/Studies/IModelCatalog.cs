using InteractionLab.Api.Registry;

namespace InteractionLab.Api.Studies;

/// <summary>
/// The model endpoints a researcher may pick for a condition: in-process, registered by an admin (Models page) and
/// configured, each with the models it says it serves (a typed model id is verified against them).
/// </summary>
public interface IModelCatalog
{
    /// <summary>Every endpoint with the models it serves now (asked live; an endpoint that does not answer says why).</summary>
    Task<IReadOnlyList<EndpointModels>> GetEndpointsAsync(CancellationToken ct = default);
}
