using System.Text.Json;
using System.Text.Json.Serialization;
using InteractionLab.Domain.Studies;

namespace InteractionLab.Api.Hosting;

/// <summary>
/// The platform's JSON, in one place. Two dialects travel over HTTP and they are named here, nowhere else:
/// <list type="bullet">
/// <item><see cref="Apply"/>: every REST answer and the session hub (web defaults: camelCase names, case-insensitive
/// reading, enum values as numbers unless a type says otherwise). Registered for minimal APIs
/// (<c>ConfigureHttpJsonOptions</c>) and for SignalR (<c>AddJsonProtocol</c>).</item>
/// <item><see cref="Config"/>: configs, which are stored, hashed and downloaded in one form (<see cref="ConfigHash.Json"/>:
/// camelCase, kebab-case enum names), so what GET returns can be posted back unchanged; the builder's, the task
/// catalog's and the annotation endpoints answer in it (<see cref="ConfigJson{T}"/>) and read bodies in it
/// (<see cref="ConfigBody{T}"/>).</item>
/// </list>
/// </summary>
public static class PlatformJson
{
    /// <summary>The config dialect (see <see cref="ConfigHash.Json"/>).</summary>
    public static JsonSerializerOptions Config => ConfigHash.Json;

    /// <summary>
    /// The config dialect for bodies marked <see cref="RefuseNullsAttribute"/>: a null or missing field where the type
    /// has no room for one is refused at the edge (stored configs keep the lenient reading, so older versions still open).
    /// </summary>
    public static readonly JsonSerializerOptions StrictConfig = new(ConfigHash.Json)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>Sets the REST and hub dialect on <paramref name="options"/>.</summary>
    public static void Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
        options.NumberHandling = JsonNumberHandling.AllowReadingFromString;
    }
}
