namespace InteractionLab.Api.Hosting;

/// <summary>
/// Endpoint metadata: <see cref="Type"/> travels in the config dialect (<see cref="ConfigAnswer{T}"/>,
/// <see cref="ConfigBody{T}"/>), so <see cref="ConfigDialectSchemas"/> describes it as that dialect writes it.
/// </summary>
/// <param name="Type">The answer's or the body's type.</param>
internal sealed record ConfigDialectMetadata(Type Type);
