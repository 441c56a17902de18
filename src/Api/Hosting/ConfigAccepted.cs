using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace InteractionLab.Api.Hosting;

/// <summary>A 202 answer in the config dialect (see <see cref="ConfigAnswer{T}"/>): work started in the background, to follow.</summary>
/// <typeparam name="T">The body.</typeparam>
public sealed class ConfigAccepted<T> : ConfigAnswer<T>, IEndpointMetadataProvider
{
    internal ConfigAccepted(T value) : base(value, StatusCodes.Status202Accepted)
    {
    }

    /// <inheritdoc />
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status202Accepted);
}
