using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;

namespace InteractionLab.Api.Hosting;

/// <summary>
/// A typed JSON answer in the config dialect (<see cref="PlatformJson.Config"/>). Unlike <see cref="JsonHttpResult{T}"/>
/// it declares its body type to OpenAPI (200 unless the endpoint declares another success status).
/// </summary>
/// <typeparam name="T">The body.</typeparam>
public sealed class ConfigJson<T> : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<T>, IContentTypeHttpResult
{
    internal ConfigJson(T value, int statusCode)
    {
        Value = value;
        StatusCode = statusCode;
    }

    /// <inheritdoc />
    public T Value { get; }

    /// <inheritdoc />
    public int StatusCode { get; }

    /// <inheritdoc />
    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    /// <inheritdoc />
    object? IValueHttpResult.Value => Value;

    /// <inheritdoc />
    public string ContentType => "application/json; charset=utf-8";

    /// <inheritdoc />
    public Task ExecuteAsync(HttpContext httpContext) =>
        TypedResults.Json(Value, PlatformJson.Config, statusCode: StatusCode).ExecuteAsync(httpContext);

    /// <inheritdoc />
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
}
