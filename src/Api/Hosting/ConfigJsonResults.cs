using Microsoft.AspNetCore.Http;

namespace InteractionLab.Api.Hosting;

/// <summary>Creates <see cref="ConfigJson{T}"/> answers.</summary>
public static class ConfigJsonResults
{
    /// <summary><paramref name="value"/> in the config dialect with <paramref name="status"/> (200 by default).</summary>
    public static ConfigJson<T> Of<T>(T value, int status = StatusCodes.Status200OK) => new(value, status);
}
