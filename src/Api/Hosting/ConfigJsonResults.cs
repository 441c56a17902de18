using Microsoft.AspNetCore.Http;

namespace InteractionLab.Api.Hosting;

/// <summary>Creates answers in the config dialect (<see cref="ConfigAnswer{T}"/>).</summary>
public static class ConfigJsonResults
{
    /// <summary>
    /// <paramref name="value"/> with 200, or with <paramref name="status"/> when the same body also reports a failure
    /// (422); a success other than 200 has its own type (<see cref="Created{T}"/>, <see cref="Accepted{T}"/>).
    /// </summary>
    public static ConfigJson<T> Of<T>(T value, int status = StatusCodes.Status200OK) =>
        status is >= 200 and < 300 and not StatusCodes.Status200OK
            ? throw new ArgumentOutOfRangeException(nameof(status), status, "A success other than 200 is declared by its own answer type.")
            : new(value, status);

    /// <summary><paramref name="value"/>, just created (201).</summary>
    public static ConfigCreated<T> Created<T>(T value) => new(value);

    /// <summary><paramref name="value"/>, work accepted to run in the background (202).</summary>
    public static ConfigAccepted<T> Accepted<T>(T value) => new(value);
}
