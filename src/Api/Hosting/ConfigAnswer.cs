using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;

namespace InteractionLab.Api.Hosting;

/// <summary>
/// A typed JSON answer in the config dialect (<see cref="PlatformJson.Config"/>). Unlike <see cref="JsonHttpResult{T}"/>
/// it declares its body type to OpenAPI, with the success status its type stands for: <see cref="ConfigJson{T}"/> 200,
/// <see cref="ConfigCreated{T}"/> 201, <see cref="ConfigAccepted{T}"/> 202 (so an endpoint lists only the status it sends).
/// </summary>
/// <typeparam name="T">The body.</typeparam>
public abstract class ConfigAnswer<T> : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<T>, IContentTypeHttpResult
{
    private protected ConfigAnswer(T value, int statusCode)
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

    /// <summary>Declares <typeparamref name="T"/> as the answer with <paramref name="status"/>, written in the config dialect.</summary>
    private protected static void Declare(EndpointBuilder builder, int status)
    {
        builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(T), ["application/json"]));
        builder.Metadata.Add(new ConfigDialectMetadata(typeof(T)));
    }
}
