using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Builder;

namespace InteractionLab.Api.Hosting;

/// <summary>
/// A request body bound in the config dialect (<see cref="PlatformJson.Config"/>, or <see cref="PlatformJson.StrictConfig"/>
/// when the parameter is marked <see cref="RefuseNullsAttribute"/>), declared to OpenAPI as a JSON
/// body of <typeparamref name="T"/>. A body that cannot be read is a 400 ValidationProblem whose <c>errors</c> name the
/// field the reader stopped at (<c>stages[2].task.maxTokens</c>), like every other validation problem.
/// </summary>
/// <typeparam name="T">The body.</typeparam>
/// <param name="Value">The body read.</param>
public sealed record ConfigBody<T>(T Value) : IEndpointParameterMetadataProvider
{
    /// <summary>Reads the body (minimal APIs call this to bind the parameter).</summary>
    public static async ValueTask<ConfigBody<T>?> BindAsync(HttpContext http, ParameterInfo parameter)
    {
        try
        {
            var options = parameter.IsDefined(typeof(RefuseNullsAttribute)) ? PlatformJson.StrictConfig : PlatformJson.Config;
            var value = await JsonSerializer.DeserializeAsync<T>(http.Request.Body, options, http.RequestAborted);
            return value is null ? throw PlatformProblemException.BadInput("The request body is empty.") : new ConfigBody<T>(value);
        }
        catch (JsonException e)
        {
            var path = e.Path is { Length: > 1 } p ? p.TrimStart('$', '.') : "";
            throw PlatformProblemException.BadInput($"The request body could not be read as {Described}: {e.Message}",
                new Dictionary<string, string[]> { [path.Length == 0 ? "body" : path] = [e.Message] });
        }
    }

    /// <inheritdoc />
    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder)
    {
        builder.Metadata.Add(new AcceptsMetadata(["application/json"], typeof(T)));
        builder.Metadata.Add(new ConfigDialectMetadata(typeof(T)));
    }

    // "a study config", "an annotation project config": the type's name in words, for the message.
    private static readonly string Described = Describe(typeof(T));

    private static string Describe(Type type)
    {
        if (type.IsGenericType) return "a list of " + Words(type.GetGenericArguments()[0].Name) + "s";
        var words = Words(type.Name);
        return ("aeiou".Contains(words[0]) ? "an " : "a ") + words;
    }

    private static string Words(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
