using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace InteractionLab.Api.Hosting;

/// <summary>
/// A 200 answer in the config dialect (see <see cref="ConfigAnswer{T}"/>). An endpoint that also answers 422 with the
/// same body (problems listed per item) passes that status and declares it itself.
/// </summary>
/// <typeparam name="T">The body.</typeparam>
public sealed class ConfigJson<T> : ConfigAnswer<T>, IEndpointMetadataProvider
{
    internal ConfigJson(T value, int statusCode) : base(value, statusCode)
    {
    }

    /// <inheritdoc />
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status200OK);
}
