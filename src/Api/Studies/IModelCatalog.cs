namespace InteractionLab.Api.Studies;

/// <summary>
/// The model endpoints a researcher may pick for a condition. The builder only needs names; where they come
/// from (configuration today, the database-backed model registry later) is up to the implementation.
/// </summary>
public interface IModelCatalog
{
    /// <summary>Endpoint names with the models known for each (an empty model list means "type the model id").</summary>
    Task<IReadOnlyList<ModelEndpointChoice>> GetEndpointsAsync(CancellationToken ct = default);
}

/// <summary>An endpoint a condition can use.</summary>
/// <param name="Name">Endpoint name as written in <c>ModelRef.Endpoint</c>.</param>
/// <param name="Models">Models known on it (may be empty when the endpoint serves any model id).</param>
public sealed record ModelEndpointChoice(string Name, IReadOnlyList<string> Models);
