namespace InteractionLab.Api.Hosting;

/// <summary>
/// On a <see cref="ConfigBody{T}"/> parameter: the body is read with <see cref="PlatformJson.StrictConfig"/>, so a
/// missing or null field where the type has no room for one is a 400 naming that field rather than a null inside.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class RefuseNullsAttribute : Attribute;
